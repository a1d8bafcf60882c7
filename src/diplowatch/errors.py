"""Errors a user can meet. The CLI prints them as one line, never as a traceback."""


class DiplowatchError(Exception):
    """A problem the user can act on; str() is the one-line message."""


class InputError(DiplowatchError):
    """One input (file, line, URL) could not be read; the run goes on with the rest."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
