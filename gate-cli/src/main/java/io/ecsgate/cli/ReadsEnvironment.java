package io.ecsgate.cli;

import java.util.Map;

/** A command that reads environment variables from a map it is given, so tests can give theirs. */
interface ReadsEnvironment {
  void environment(Map<String, String> env);
}
