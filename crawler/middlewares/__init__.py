"""portalfeed's Scrapy components besides the spider and pipelines.

    backoff.py    Retry-After on 429/503, slower pace after 5xx and time-outs
    redirects.py  redirect loops and redirects off the portal, refused with a reason
    reasons.py    a failed request -> the short reason it is counted under
    state.py      what earlier crawls learnt: known articles, page validators
"""
