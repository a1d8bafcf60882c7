"""The events stage: who did what to whom (PLOVER types), with the sentence as evidence.

coder = EventCoder()
for coded in coder.code_articles(articles): ...
events = coder.code_text("Blinken met Qureshi in New York.", date="2021-09-23")
"""

from diplowatch.events.coder import CodedArticle, CodedSentence, EventCoder

__all__ = ["CodedArticle", "CodedSentence", "EventCoder"]
