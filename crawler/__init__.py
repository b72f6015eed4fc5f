"""portalfeed crawler: profiles, spider, extraction, normalisation, pipelines, store."""
