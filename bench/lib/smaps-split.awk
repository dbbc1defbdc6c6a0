# Resident MB of a JVM per kind of mapping: awk -f bench/lib/smaps-split.awk /proc/<pid>/smaps
# heap: the one anonymous mapping of -Xmx (200-270 MB); aot: the mapped AOT cache; code: anonymous
# and executable (the code cache); arenas: anonymous at a 64 MB boundary (glibc's malloc arenas);
# libs: shared libraries; other: the rest (metaspace, class space, stacks, the card table).
/^[0-9a-f]+-[0-9a-f]+ / { name = $6; perms = $2; addr = $1; next }
/^Size:/ {
  size = $2
  if (name ~ /\.aot$/) cls = "aot"
  else if (name ~ /\.so/) cls = "libs"
  else if (name == "" && size >= 200000 && size <= 270000) cls = "heap"
  else if (name == "" && perms == "rwxp") cls = "code"
  else if (name == "" && addr ~ /000000-/) cls = "arenas"
  else cls = "other"
}
/^Rss:/ { rss[cls] += $2; tot += $2 }
END {
  printf "heap %d aot %d code %d arenas %d libs %d other %d total %d\n", rss["heap"] / 1024, rss["aot"] / 1024,
    rss["code"] / 1024, rss["arenas"] / 1024, rss["libs"] / 1024, rss["other"] / 1024, tot / 1024
}
