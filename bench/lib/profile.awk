# Summarizes `jfr print --events jdk.ExecutionSample --stack-depth 512` (or jdk.CPUTimeSample, JDK 25's
# CPU-time sampler, which also sees virtual threads in native code). Each sample is charged to
# the component running it, where JDK frames (HashMap, String, ...) count for the nearest caller
# outside the JDK ("self", adds up to 100%); and to every component on its stack ("inclusive",
# overlapping: the whole request runs inside Tomcat, the security filter chain and Spring MVC).
function component(frame) {
  if (frame ~ /BCrypt/) return "bcrypt (password hashing)"
  if (frame ~ /^org\.springframework\.security/) return "Spring Security"
  if (frame ~ /^io\.micrometer/) return "Micrometer (metrics, observations)"
  if (frame ~ /^org\.hibernate\.validator|^jakarta\.validation/) return "Bean Validation"
  if (frame ~ /^org\.hibernate/) return "Hibernate ORM"
  if (frame ~ /^(tools\.jackson|com\.fasterxml\.jackson)/) return "Jackson"
  if (frame ~ /^org\.postgresql/) return "PostgreSQL JDBC driver"
  if (frame ~ /^com\.zaxxer\.hikari/) return "HikariCP"
  if (frame ~ /^org\.springframework\.(transaction|orm|jdbc|dao)/) return "Spring transactions and JDBC"
  if (frame ~ /^org\.springframework\.(web|http)/) return "Spring MVC"
  if (frame ~ /^org\.springframework\.(aop|cglib)|^org\.aopalliance/) return "Spring AOP proxies"
  if (frame ~ /^org\.springframework/) return "Spring (other)"
  if (frame ~ /^org\.apache\.(catalina|coyote|tomcat)/) return "Tomcat"
  if (frame ~ /^jakarta\.servlet/) return "Servlet API (filter chain)"
  if (frame ~ /^org\.antlr/) return "ANTLR (Hibernate parsing HQL)"
  if (frame ~ /^org\.thymeleaf/) return "Thymeleaf (email templates)"
  if (frame ~ /^(ch\.qos\.logback|org\.slf4j)/) return "Logging"
  if (frame ~ /^org\.flywaydb/) return "Flyway"
  if (frame ~ /^com\.staffkit/) return "Staffkit code"
  if (frame ~ /^(java|javax|jdk|sun)\./) return "JDK"
  return "other"
}
/^jdk\.(ExecutionSample|CPUTimeSample)/ { in_sample = 1; n_frames = 0; handler = ""; resolve = 0; dispatch = 0; split("", seen); next }
in_sample && /^    [a-zA-Z_$][a-zA-Z0-9_$.]*\(/ {
  frame = $1
  c = component(frame)
  if (n_frames == 0) leaf = c
  else if (leaf == "JDK" && c != "JDK") leaf = c
  seen[c] = 1
  # What the sample belongs to: the credential lookup, a controller method, Spring MVC around it
  # (argument binding, writing the JSON response), or Tomcat and the filters.
  if (handler == "" && frame ~ /^com\.staffkit\.[a-z.]+\.[A-Za-z]+Controller\.[a-zA-Z]+\(/) {
    handler = frame; sub(/\(.*/, "", handler); sub(/^com\.staffkit\.[a-z.]+\./, "", handler)
  }
  if (frame ~ /^com\.staffkit\.auth\.(SessionService|ApiKeyService)[^(]*\.resolve\(/) resolve = 1
  if (frame ~ /^org\.springframework\.web\.servlet\.DispatcherServlet\.doDispatch\(/) dispatch = 1
  n_frames++
  next
}
in_sample && /^}/ {
  in_sample = 0
  if (n_frames == 0) next
  samples++
  exclusive[leaf]++
  for (c in seen) inclusive[c]++
  if (resolve) handler = "credential lookup (bearer token or API key)"
  else if (handler == "") handler = dispatch ? "Spring MVC around the controller (binding, JSON response)" : "Tomcat and the filter chain"
  by_handler[handler]++
  by_handler_component[handler SUBSEP leaf]++
}
END {
  # Rows are prefixed with their inclusive count for `sort -rn | cut -f2-`.
  if (samples == 0) { print "0\tno execution samples"; exit }
  for (c in inclusive)
    printf "%d\t| %s | %.1f%% | %.1f%% |\n", exclusive[c], c, exclusive[c] * 100 / samples, inclusive[c] * 100 / samples
  # Per handler: its share and its three biggest components (self), after the component table.
  for (h in by_handler) {
    line = ""
    split("", used)
    for (k = 1; k <= 3; k++) {
      best = ""; max = 0
      for (key in by_handler_component) {
        split(key, parts, SUBSEP)
        if (parts[1] == h && !(parts[2] in used) && by_handler_component[key] > max) { max = by_handler_component[key]; best = parts[2] }
      }
      if (best == "") break
      used[best] = 1
      line = line (k > 1 ? ", " : "") sprintf("%s %.0f%%", best, max * 100 / by_handler[h])
    }
    printf "%d\t| %s | %.1f%% | %s |\n", -4 - samples + by_handler[h], h, by_handler[h] * 100 / samples, line
  }
  printf "%d\t\n", -1
  printf "%d\t| Part of the request | share of samples | biggest components (self) |\n", -2
  printf "%d\t|---|--:|---|\n", -3
  printf "%d\t%d Java execution samples of the service's threads.\n", samples + 2, samples
  printf "%d\t| Component | self (JDK time charged to its caller) | on the stack (inclusive) |\n", samples + 1
  printf "%d\t|---|--:|--:|\n", samples + 1
}
