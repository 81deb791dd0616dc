## Words shared by every page: scopes of figures, metric labels with their scope.
scope-city = city
scope-district = district
scope-park = one park
scope-state = whole state
scope-national = whole country
# "Tech workforce (whole state)"
metric-with-scope = { $metric } ({ $scope })

## Figures and their sources (templates/macros.html).
cite-source = Source:
cite-derived = How this figure was derived:
not-in-data = not in the data
chart-numbers = The numbers and their sources

## Columns of the park and company tables.
col-park = Park
col-city = City
col-opened = Opened
col-area = Area
col-companies = Companies
col-employees = Employees
col-foreign-owned = Foreign-owned
col-sources = Sources
col-company = Company
col-sector = Sector
col-headquarters = Headquarters
col-founded = Founded or arrived
col-employees-in-city = Employees in city
col-revenue-group = Revenue (group)

## One change to the data.
change-version = data version { $version }
change-no-reason = No reason recorded.
change-built-in = the reference dataset built into the binary
change-by = By { $actor }; { $origin }.
change-counts = { $new } new, { $changed } changed
change-keys = Keys
change-more-keys = and { $n } more

## A form that came back with a mistake.
form-problem = Nothing is shown yet:
form-parameter = parameter
form-accepts = What this accepts:

## Making figures comparable.
comparable-legend = Make the figures comparable
comparable-money = Money
comparable-as-published = As published
comparable-in-usd = In US dollars (cited yearly rates)
comparable-figures = Figures
comparable-whole-city = Whole city
comparable-per-resident = Per resident
comparable-growth = Growth per year (CAGR)
comparable-up-to = Up to
comparable-latest = latest
derived-heading = These figures are made comparable:
derived-currency = money in other currencies is converted to US dollars at the cited annual-average rate of each figure's own year (a year without a cited rate stays as published and says so);
derived-per-capita = amounts, workforces and counts are divided by the city's population figure nearest in time, within two years (figures of a whole state or country are not divided, and ranks, percentages and prices are shown as they are);
derived-growth = each series is replaced by its compound annual growth rate between its first and last year, from one source where one source gives both;
derived-year = only figures of { $year } or before count;
derived-inputs = every derived figure opens to its inputs, their sources and the arithmetic.
derived-as-published = See the figures as published.

## City pickers and maps.
picker-presets = Presets:
map-list-title = The cities on this map
map-unmapped = Not on the map, for want of coordinates in the data: { $cities }.

## Error pages.
error-status = Error { $status }
error-accepts = accepts:
error-allowed = Allowed values:
error-parameters = This page accepts the parameters:
error-back = Back to the dashboard
error-all-cities = All cities
error-not-allowed = { $value } is not a known value for { $param }
error-bad-request = This request cannot be answered
error-not-found = Not found
error-nothing-here = There is no { $what } here.
error-uri-too-long = This address is too long
error-uri-too-long-message = { $reason }. Use fewer filters.
error-too-large = This request is too large
error-disk-full = The server's disk is full
error-internal = Something went wrong on our side
error-internal-message = The server could not build this page. The failure has been logged.
thing-page = page
thing-file = file
thing-city = city
thing-park = park
thing-company = company
thing-source = source

## World regions (the pickers' groups, a city's region on Chinese pages).
region-east-asia = East Asia
region-south-asia = South Asia
region-southeast-asia = Southeast Asia
region-middle-east = Middle East
region-europe = Europe
region-americas = Americas
region-africa = Africa
region-oceania = Oceania
region-elsewhere = Elsewhere
# Joins notes in one line.
list-separator = {"; "}
map-note-some = Names that would sit nearer another city's marker are left off the map; the list names every city.
map-note-highlighted = Only the highlighted cities are named on the map at this size; the list names every city.
map-note-none = The map is too small for names here; the list names every city.
