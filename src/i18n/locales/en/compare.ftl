## The compare page and the file to share (templates/compare, templates/export/comparison.html,
## src/web/compare).
compare-heading = Compare { $cities }
compare-title-error = Error: compare cities
compare-cities = Compare cities
compare-lead = The latest figure of each metric for each city, with its year and source. Figures of a whole state or country are labelled. Figures are shown as their sources give them, unless you make them comparable below.
compare-download = Download this comparison:
compare-download-page = page to share (HTML)
compare-score = Score these cities
compare-city-legend = Cities ({ $min } to { $max })
compare-city-count = choose from { $min } to { $max } different cities to compare (repeat city=); { $n } given
compare-metrics = Metrics
compare-metrics-key = Metrics (now: the key metrics)
compare-metrics-help = Tick none to compare the key metrics.
compare-scale = Chart scale
compare-submit = Compare
compare-latest = Latest figures
compare-charts = Charts
compare-charts-none = None of these cities has figures for the chosen metrics.
compare-charts-help = One chart per family of metrics that may share an axis: each bar is the latest figure, with its year; ranks are dots, the best on the left. A family only one city has figures of its own for is given as a table.
compare-table-caption = Latest figure of each metric for each city, with its year and source
compare-col-metric = Metric
# A metric named for its currency, shown in US dollars: "IT industry revenue (RMB), in US$".
compare-in-usd = { $metric }, in US$
scale-linear = Linear
scale-log = Logarithmic

export-title = { $cities } compared
export-brand = Clusterscope comparison
export-when = Exported from Clusterscope on { $date }
# Followed by the address of the live comparison.
export-live = ; the live comparison is at
export-version = {" "}(data version { $version }).
export-how = {" "}Every figure opens to its source and the exact quote; the sources are listed at the end.
export-sources = Sources
export-undated = undated
export-accessed = (accessed { $date })
export-promise = Figures are as the sources give them unless this file says above how they were made comparable: a figure not in a source is shown as missing, never estimated. Figures of a whole state or country are labelled as such.

## The compare page's embed snippets (templates/compare/index.html).
compare-embed = Embed the first chart on another site
compare-embed-help = A frame shows the chart with its sources and a link back here, on any site; the image is the chart alone, for pages and documents.
compare-embed-relative = Put this site's address before each path.
compare-embed-frame = Frame
compare-embed-image = Image
