-- wrk script: prints one machine-readable line at the end of a run, for bench/run.sh.
-- It defines no request() or response(), so wrk keeps sending its one fixed request at full
-- speed (a script with request() makes wrk call Lua for every request).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d bytes=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.bytes, summary.duration,
    latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
end
