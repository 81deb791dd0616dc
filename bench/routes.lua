-- wrk script: cycles through every public route of the bundled data and counts statuses.
-- Used by bench/soak.sh.
local paths = {
  "/",
  "/?sector=bpo",
  "/?city=london&city=berlin&scale=log",
  "/compare?city=dalian&city=bangalore&city=metro-manila&city=silicon-valley",
  "/compare.csv?city=dalian&city=bangalore&city=metro-manila&city=silicon-valley",
  "/compare.json?city=dalian&city=bangalore",
  "/compare/export?city=dalian&city=bangalore&city=metro-manila&city=silicon-valley",
  "/cities",
  "/cities?sector=bpo&sector=ito",
  "/cities.json?sector=bpo",
  "/cities.csv",
  "/cities/dalian",
  "/cities/metro-manila.json",
  "/cities/bangalore.csv",
  "/parks/dalian-software-park",
  "/companies",
  "/companies?city=dalian&sector=ito",
  "/companies?page=2",
  "/sources",
  "/sources/intheblack-dalian",
  "/changes",
  "/healthz",
}

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  counter = id
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("statuses")) do
      total[code] = (total[code] or 0) + n
    end
  end
  local fivexx = 0
  for code, n in pairs(total) do
    io.write(string.format("status %d: %d\n", code, n))
    if code >= 500 then fivexx = fivexx + n end
  end
  io.write(string.format("5xx: %d\n", fivexx))
end
