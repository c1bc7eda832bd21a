# Sourced by ./mvnw, ./segrank and ./run-tests: picks a JDK >= 21 and the allocator settings that
# keep native (DJL/PyTorch) timings steady on this kind of VM. Safe to source more than once.

segrank_java_major() {
  # prints the feature version of the java in $1/bin/java, or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

segrank_select_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(segrank_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then return 0; fi
  fi
  # Newest first: the machine's default java may be 17, too old for the 2026 Eclipse jars.
  for candidate in $(ls -d /usr/lib/jvm/*/ /opt/java/*/ /opt/jdk*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -x "$candidate/bin/javac" ] || continue
    major=$(segrank_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(segrank_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  echo "segrank: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm, /opt)." >&2
  echo "segrank: install one (e.g. Temurin 21+) and set JAVA_HOME to it." >&2
  return 1
}

segrank_select_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# glibc defaults make native timings swing 2-4x on this VM (measured, see docs/toolchain notes).
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-17179869184}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-536870912}"
# One malloc arena per core instead of glibc's eight: with no trimming, each arena keeps its own peak of freed
# tensors (the demo peaked at 13.0 GB resident with the default, 9.8 GB with 2 arenas, and ran slightly faster).
# SegRank also hands freed memory back after each job (org.segrank.djl.NativeHeap.releaseFreeMemory).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-$(nproc 2>/dev/null || echo 2)}"
