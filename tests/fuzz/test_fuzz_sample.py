"""Every tenth case of the fuzz campaign (`make fuzz` runs them all): no traceback, hang or silent wrong result."""

from __future__ import annotations

import pytest
from campaign import campaign


@pytest.mark.slow  # about 130 generated inputs through the CLI and the dashboard
def test_a_tenth_of_the_fuzz_campaign(tmp_path):
    report = campaign(tmp_path, sample=10)
    assert report.cases >= 100
    assert not report.failures, "\n".join(report.lines())
