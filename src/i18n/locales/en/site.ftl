## The frame of every page (templates/base.html).
site-description = Compare technology clusters (cities, their tech parks and companies) on figures that each show their source and year.
site-skip = Skip to content
nav-label = Main
nav-dashboard = Dashboard
nav-compare = Compare
nav-scorecard = Scorecard
nav-cities = Cities
nav-companies = Companies
nav-sources = Sources
search-label = Site search
search-field = Search cities, parks and companies
search-placeholder = Search names
search-button = Search
footer-promise = Every figure links to the source it comes from, with the exact quote. A figure the sources do not give is shown as missing, never estimated.
footer-sources = All sources
footer-changes = Changes to the data
footer-about = Clusterscope, open source · Reference dataset: 18 technology clusters in Asia, Europe and the Americas.
