"""Drafting a portal profile from a sample article page and a listing page.

Pure functions: pages in, a profile text out (`portalfeed profile draft` does
the fetching).  See docs/profile-draft.md.
"""

from crawler.draft.article import NotAnArticle
from crawler.draft.build import Draft, Page, draft_profile, profile_of

__all__ = ["Draft", "NotAnArticle", "Page", "draft_profile", "profile_of"]
