# Summarizes `jfr print --events jdk.ExecutionSample --stack-depth 512`: the share of the service's
# Java execution samples whose stack passes through each component (inclusive, so shares overlap),
# and the component of the sampled frame itself (exclusive, adds up to 100%).
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
/^jdk\.ExecutionSample/ { in_sample = 1; n_frames = 0; delete seen; next }
in_sample && /^    [a-zA-Z_$][a-zA-Z0-9_$.]*\(/ {
  frame = $1
  c = component(frame)
  if (n_frames == 0) leaf = c
  seen[c] = 1
  n_frames++
  next
}
in_sample && /^}/ {
  in_sample = 0
  if (n_frames == 0) next
  samples++
  exclusive[leaf]++
  for (c in seen) inclusive[c]++
}
END {
  # Rows are prefixed with their inclusive count for `sort -rn | cut -f2-`.
  if (samples == 0) { print "0\tno execution samples"; exit }
  for (c in inclusive)
    printf "%d\t| %s | %.1f%% | %.1f%% |\n", inclusive[c], c, inclusive[c] * 100 / samples, exclusive[c] * 100 / samples
  printf "%d\t%d Java execution samples of the service's threads.\n", samples + 2, samples
  printf "%d\t| Component | on the stack (inclusive) | running itself (exclusive) |\n", samples + 1
  printf "%d\t|---|--:|--:|\n", samples + 1
}
