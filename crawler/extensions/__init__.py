"""Scrapy extensions of portalfeed (enabled in portalfeed.crawl.scrapy_settings).

    progress    live progress on a terminal, log lines elsewhere, JSON with json logs
    json_logs   the JSON log formatter (also used by the CLI's `--log-format json`)
"""
