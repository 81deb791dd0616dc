## One tech park (templates/parks/profile.html).
park-description = { $park }, { $city }: park figures with their sources.
park-breadcrumb = Breadcrumb
park-cities = Cities
park-in = Tech park in
park-opened = Opened
park-area = Area
park-companies = Companies
park-employees = Employees
park-foreign-share = Foreign-owned share
park-sources = Sources
park-sources-help = These figures carry no year of their own in the data; the sources' publication years and the quotes below date them.
park-companies-title = Companies in the data
park-no-companies = No company in the data is placed in this park.
park-companies-first = The first { $n } of { $total } by name;
park-companies-all = all of them
park-end = .
