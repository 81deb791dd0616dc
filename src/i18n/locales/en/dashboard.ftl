## The dashboard (templates/dashboard.html, src/web/dashboard).
dashboard-name = Dashboard
dashboard-page-title = Dashboard: { $heading }
dashboard-page-title-error = Error: Dashboard: { $heading }
# "Dalian against Bangalore, Metro Manila and Silicon Valley"
dashboard-heading = { $first } against { $rest }
dashboard-no-city = No city to show
dashboard-lead = Technology clusters compared on sourced figures: each figure shows its year and opens to its source and the exact quote. Figures of a whole state or country are labelled. Figures are shown as their sources give them, unless you make them comparable below.
dashboard-choose = Choose the cities and sectors
dashboard-city-legend = Cities (up to { $max }; none ticked shows Dalian, Bangalore, Metro Manila and Silicon Valley)
dashboard-sector-legend = Only cities known for any of these sectors
dashboard-scale = Time-series scale
dashboard-show = Show
dashboard-reset = Reset
dashboard-too-many-cities = choose at most { $max } cities; { $n } given
dashboard-narrowed = { $kept } of the { $n } chosen cities are known for the chosen sectors.
dashboard-first-shown = { $n } cities match; the first { $max } by name are shown.
dashboard-empty = No city matches
dashboard-empty-why = No chosen city is known for the chosen sectors. A sector is listed for a city only where a source says so.
dashboard-empty-try = {" "}Try other sectors, or{" "}
dashboard-empty-default = the default comparison
dashboard-empty-end = .
dashboard-compare-detail = Compare these cities in detail
dashboard-download = Download:
dashboard-download-page = comparison page (HTML)
dashboard-headline = Headline figures
dashboard-headline-help = The latest figure the data holds for each indicator. Where a city has no figure of its own, a figure for the whole state or country stands in, and says so.
dashboard-map = Where they are
dashboard-map-title = The { $n } cities compared among the { $total } cities in the data
dashboard-map-title-one = The city compared among the { $total } cities in the data
# Said in the list beside the map of a city that is compared.
dashboard-map-compared = compared
dashboard-growth = Industry revenue and workforce over time
dashboard-growth-none = The data holds no revenue or workforce series for these cities.
dashboard-growth-help = A gap in a line is a year without a figure; markers are the figures. Revenue is shown in the currency each source uses, or in US dollars when you convert it above.
dashboard-ranks = Outsourcing rank (Tholons)
dashboard-ranks-none = None of these cities is in the Tholons ranks the data holds.
dashboard-sectors = Sectors
dashboard-sectors-title = Sectors each city is known for
dashboard-sectors-one-city = With one city there is nothing to compare: its sectors are in the table.
dashboard-sector-yes = Yes
dashboard-parks = Tech parks
dashboard-parks-none = No park of these cities is in the data.
dashboard-parks-help = Park figures have no year of their own in the data: each row's sources give their publication year, and the quotes give the wording.
dashboard-park-companies = Companies per park
dashboard-park-employees = Employees per park
dashboard-park-area = Park area
dashboard-park-in-city = { $park } ({ $city })
dashboard-park-only-one = Only one park has this figure: a ranking would compare nothing.

## The key indicators a city is summed up by (src/headline.rs).
headline-population = Population
headline-revenue = IT industry revenue
headline-exports = IT exports
headline-workforce = IT workforce
headline-companies = IT companies
headline-tholons = Tholons outsourcing rank
