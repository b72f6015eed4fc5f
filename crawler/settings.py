"""Scrapy settings of the portalfeed project (`scrapy crawl portal -a portal=NAME`).

Politeness defaults live here; a portal's profile overrides delay and
concurrency per crawl (see portalfeed.crawl).  portalfeed's own keys are
prefixed PORTALFEED_.
"""

BOT_NAME = "portalfeed"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# portalfeed.config adds the operator's contact URL.
USER_AGENT = "portalfeed/0.1 (news feeds of public portals)"
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
# A portal page is well under 1 MB; a bigger one is a mistake (or a trap) we cancel.
DOWNLOAD_MAXSIZE = 5_000_000
DOWNLOAD_WARNSIZE = 2_000_000
# A cut-off body fails the request (counted as `truncated`) rather than storing half an article.
DOWNLOAD_FAIL_ON_DATALOSS = True
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
# Backoff (crawler.middlewares.backoff): the pause after a 5xx or time-out, doubling with
# each failure in a row up to the maximum, which also caps a Retry-After.
PORTALFEED_BACKOFF_BASE_S = 0.5
PORTALFEED_BACKOFF_MAX_S = 120.0

DOWNLOADER_MIDDLEWARES = {
    # Response side runs from high to low: the guard sees a redirect before
    # RedirectMiddleware (600), backoff sees a 5xx before RetryMiddleware (550).
    "crawler.middlewares.redirects.RedirectGuardMiddleware": 650,
    "crawler.middlewares.backoff.BackoffMiddleware": 560,
}
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
HTTPCACHE_ENABLED = False

ITEM_PIPELINES = {
    "crawler.pipelines.ValidatePipeline": 100,
    "crawler.pipelines.StorePipeline": 300,
}

# A SQLAlchemy URL; set by portalfeed's configuration (see portalfeed.config).
PORTALFEED_DB_URL = ""
# Days after which a stored article linked again is fetched again; 0: never.
PORTALFEED_RECHECK_DAYS = 7

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
