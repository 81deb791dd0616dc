-- wrk script: a different URL for every request, read from a file (one path per line), so that a
-- page cache cannot answer it. bench/run.sh appends report.lua to this file and runs
--   wrk ... -s vary+report.lua http://HOST:PORT/ -- URLS_FILE
-- The list is walked in order and starts over at its end: with more URLs than a cache holds, an
-- LRU cache misses on every request.
local paths = {}
local counter = 0

function init(args)
  local file = assert(args[1], "vary.lua: pass the URL list file after --")
  for line in io.lines(file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  assert(#paths > 0, "vary.lua: the URL list is empty")
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[((counter - 1) % #paths) + 1])
end
