## Charts (src/charts, src/web/charts, templates/charts): axes, notes, tooltips and the
## descriptions in words that the SVG's <desc> carries.

# "a, b and c"
list-and = { $init } and { $last }
# A chart's description: what it is, then what it shows.
chart-desc = { $head }. { $body }.
chart-desc-item = { $label }: { $values }
chart-desc-named = { $name } { $value }
chart-desc-value-year = { $value } in { $year }
chart-desc-no-figure = { $label }: no figure
# A mark's tooltip: "Dalian · IT exports, 2013: US$1.2 bn (INTHEBLACK, 2014)".
chart-tooltip-year = { $what }, { $year }: { $value } ({ $source })
chart-tooltip = { $what }: { $value } ({ $source })

chart-log-refused = A log scale needs positive values and some are zero or negative, so the scale is linear.
chart-axis-log = { $unit }, log scale
chart-rank-axis-left = rank (1 = best, on the left)
chart-rank-axis-top = rank (1 = best)
chart-axis-up = { $title } (up)
chart-axis-across = { $title } (across)
chart-no-figure = no figure in the data
chart-wide-only = These are figures for a whole state or country, not for the city.
chart-wide-pale = Pale bars are figures for a whole state (dashed outline) or country (dotted outline), not for the city.
chart-wide-dashed = Dashed lines are figures for a whole state, dotted lines for a whole country, not for the city.

hbar-desc-bars = Bar chart of { $title }
hbar-desc-bars-log = Bar chart of { $title } on a logarithmic scale
hbar-desc-dots = Dot chart of ranks (1 is best) of { $title }
hbar-desc-dots-log = Dot chart of ranks (1 is best) of { $title } on a logarithmic scale

line-desc = Line chart of { $title } by year
line-desc-log = Line chart of { $title } by year on a logarithmic scale
line-desc-rank = Line chart of { $title } by year as ranks, 1 at the top
line-desc-series = { $name }: { $n } figures from { $first } ({ $first_value }) to { $last } ({ $last_value })
line-desc-one = { $name }: one figure, { $year } ({ $value })
line-desc-none = { $name }: no figures

matrix-desc = Matrix of the sectors each city is known for, as its sources state
matrix-desc-none = { $city }: none stated
matrix-cell-known = { $city }: { $sector } ({ $source })
matrix-cell-unknown = { $city }: no source in the data names { $sector }
matrix-note = A filled dot: a source in the data says the city is known for the sector. A small ring: no source in the data says so, which is not a no.

bands-desc = Each city's rank at your weights (a dot) and the ranks it takes in nine of ten weightings drawn around yours (a band), 1 on the left
bands-rank-range = { $rank } ({ $low } to { $high }) · first in { $share }
bands-rank-steady = { $rank }, steady · first in { $share }
bands-unranked = not ranked: { $why }
bands-no-score = no score

scatter-desc = Scatter chart of { $x } (across) against { $y } (up): { $points }.
scatter-desc-point = { $label } at { $x } and { $y }
scatter-point = { $label }: { $x_title } { $x }, { $y_title } { $y }

map-desc-one = Map (Equal Earth projection) of the region around { $city }.
map-desc = Map (Equal Earth projection) marking { $n } cities: { $cities }.
map-desc-all-highlighted = All are highlighted.
map-desc-highlighted = Highlighted: { $cities }.
map-desc-some-named = Only the highlighted cities are named on the map at this size.
map-desc-none-named = The cities are not named on the map at this size.
map-desc-list-names-all = Not every city is named on the map at this size; the list beside it names them all.

## Charts of a comparison's metric families (src/web/charts).
# A line's name: "Bangalore: IT exports (whole state)".
chart-series-metric = { $city }: { $metric }
chart-derived-from = derived from { $source } and others
chart-with-wider = { $title } (with wider-area figures)
chart-all-in-usd = { $title } (all in US$)
chart-col-year = Year
chart-no-lines-none = No city here has a figure of its own for { $title }, and no series spans three years: the figures are in the table.
chart-no-lines-one = Only { $city } has a figure of its own for { $title }, for fewer than three years: a chart would compare nothing, so the figures are in the table.
chart-no-bars-none = No city here has a figure of its own for { $title }: only wider areas do, which a chart would pass off as comparable. The figures are in the table.
chart-no-bars-one = Only { $city } has a figure of its own for { $title }: a chart would compare nothing, so the figures are in the table.
chart-derived = Derived figures: { $how }. The table gives every input and its source.
chart-derived-currency = money converted to US dollars at each figure's own year's average rate
chart-derived-per-capita = divided by the city's population nearest in time
chart-derived-growth = each series as its compound annual growth rate
chart-left-out = Figures that could not be converted (no exchange rate for their year) are in the table, not on the chart.
