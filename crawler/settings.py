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
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
HTTPCACHE_ENABLED = False

ITEM_PIPELINES = {
    "crawler.pipelines.ValidatePipeline": 100,
    "crawler.pipelines.StorePipeline": 300,
}

# A SQLAlchemy URL; set by portalfeed's configuration (see portalfeed.config).
PORTALFEED_DB_URL = ""

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
