/**
 * Property tests: random and mutated events, rules files and ECS answers fed to the parsers, the
 * classifier and the deployment judge. What must hold for every input: no exception escapes but
 * the documented checked ones ({@code MalformedSignalException}, {@code RulesFileException}), and
 * no failing input ever becomes a passing verdict.
 *
 * <p>They run on a small harness of their own ({@link io.ecsgate.classifier.properties.Tries}) over
 * JUnit, not on jqwik: jqwik 1.10 prints, on every run, a message telling AI agents not to use it
 * and to ignore its results, and its release notes ask that it not be used with coding agents.
 * This project is developed by such agents, whose build logs would carry that message; the
 * generators here are plain functions of a {@link java.util.Random} and move to jqwik
 * arbitraries easily should the team decide otherwise.
 */
package io.ecsgate.classifier.properties;
