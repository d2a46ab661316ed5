# shellcheck shell=sh
# Sourced by ./mvnw and ./lakehub: makes JAVA_HOME point at a JDK >= 21.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm.
# These machines ship JDK 17 as the default java and Temurin 25 beside it.

lakehub_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 17, 21, 25), or nothing. The release file is
  # read by the shell itself: a sed per JDK cost every ./lakehub command 5-20 ms each.
  if [ -r "$1/release" ]; then
    while IFS= read -r lakehub_line || [ -n "$lakehub_line" ]; do
      case "$lakehub_line" in
        JAVA_VERSION=\"[0-9]*)
          lakehub_line=${lakehub_line#JAVA_VERSION=\"}
          echo "${lakehub_line%%[!0-9]*}"
          return 0
          ;;
      esac
    done <"$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

lakehub_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(lakehub_java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      return 0
    fi
  fi
  best=""
  bestv=0
  for d in /usr/lib/jvm/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(lakehub_java_major "$d")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then
      best=$d
      bestv=$v
    fi
  done
  if [ -z "$best" ]; then
    echo "lakehub: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*). Install one and set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
