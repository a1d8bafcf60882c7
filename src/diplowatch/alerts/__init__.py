"""Alerts: follow news feeds politely, bring in what is new, and tell a webhook what changed.

from diplowatch.alerts import Follower, FeedPoller
follower = Follower(app, ["https://example.org/feed.xml"], ["afghanistan-recognition"], webhook=URL)
follower.start(); follower.cycle()
"""

from diplowatch.alerts.follow import CycleSummary, Follower
from diplowatch.alerts.poller import FeedPoller, PollResult
from diplowatch.alerts.webhook import WebhookError, post_json

__all__ = ["CycleSummary", "FeedPoller", "Follower", "PollResult", "WebhookError", "post_json"]
