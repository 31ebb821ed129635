# Argument handling shared by the bench scripts, sourced before anything else runs, so that a help
# request or a wrong argument never creates, deletes or starts anything (a build, a simulator, a JVM).
#   bench_help              prints the script's header comment (what it measures, its usage); exit 0
#   bench_usage_error MSG   prints "SCRIPT: MSG" and the usage lines on stderr; exit 64 (EX_USAGE)

bench_help() {
  sed -n '2,/^[^#]/{/^#/{s/^# \{0,1\}//;p}}' "$0"
  exit 0
}

bench_usage_error() {
  echo "$0: $1" >&2
  sed -n 's/^# *\(usage: .*\)$/\1/p; s/^# \{2,\}\(bench\/.*\)$/       \1/p' "$0" >&2
  exit 64
}
