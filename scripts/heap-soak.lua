-- wrk script for scripts/heap-soak.sh: a browse mix (home, title pages over the whole catalogue,
-- search) under a few scenario labels, each connection pausing between requests so that the
-- offered rate is bounded (connections * 1000 / (pause + latency) per second).
-- Environment: DROPNIGHT_TOKEN (session token), SOAK_PAUSE_MS, SOAK_TITLES.
local token = os.getenv("DROPNIGHT_TOKEN")
local pause = tonumber(os.getenv("SOAK_PAUSE_MS") or "20")
local titles = tonumber(os.getenv("SOAK_TITLES") or "3000")
local words = { "lights", "river", "night", "midnight", "hollow", "the", "a", "zz-nothing" }
local scenarios = { "premiere", "browse", "late-night" }
local n = 0

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function delay()
  return pause
end

function request()
  n = n + 1
  local headers = { ["Authorization"] = "Bearer " .. token, ["X-Scenario"] = scenarios[n % #scenarios + 1] }
  local pick = n % 10
  local path
  if pick < 5 then
    path = "/api/home"
  elseif pick < 9 then
    path = "/api/titles/" .. math.random(1, titles)
  else
    path = "/api/search?q=" .. words[math.random(#words)]
  end
  return wrk.format("GET", path, headers)
end
