"""`portalfeed doctor`: a live check of one portal profile against its site.

`fetch` is the only module that touches the network; `robots`, `links`, `probe`,
`judge` and `render` are pure functions over fetched pages; `run` puts them in
order; `accept` marks a profile file verified once the check passes.
"""
