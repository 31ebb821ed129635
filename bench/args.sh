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

# bench_count_arg VAR NAME DEFAULT MIN WHAT ARGS...: the script's one optional argument, a whole
# number of at least MIN (DEFAULT when not given), into the variable VAR; -h/--help and any
# mistake as above ("NAME is a number of WHAT, MIN or more").
bench_count_arg() {
  local var="$1" name="$2" default="$3" min="$4" what="$5" value="" arg
  shift 5
  for arg in "$@"; do
    case "$arg" in
      -h | --help) bench_help ;;
      -*) bench_usage_error "unknown option '$arg'" ;;
      *) [[ -z "$value" ]] || bench_usage_error "one $name at most, not also '$arg'"; value="$arg" ;;
    esac
  done
  value="${value:-$default}"
  [[ "$value" =~ ^[0-9]+$ ]] && ((10#$value >= min)) \
    || bench_usage_error "$name is a number of $what, $min or more, not '$value'"
  printf -v "$var" '%d' "$((10#$value))"
}
