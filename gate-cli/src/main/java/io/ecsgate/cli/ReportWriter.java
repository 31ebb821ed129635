package io.ecsgate.cli;

import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.gate.DeploymentGate;
import io.ecsgate.gate.EcsClients;
import io.ecsgate.gate.EcsReads;
import io.ecsgate.gate.GateReport;
import io.ecsgate.gate.ServiceResult;
import java.io.PrintWriter;
import java.util.Map;

/** Writes a gate report in the formats the user asked for. */
final class ReportWriter {
  private ReportWriter() {}

  static DeploymentGate.Diagnosis diagnosis(EcsReads reads, EcsClients clients, StopClassifier classifier) {
    return (cluster, service, deploymentId, since) -> null;
  }

  static void write(GateReport report, ReportOptions options, PrintWriter out, PrintWriter err, Map<String, String> env) {
    for (ServiceResult r : report.services()) {
      out.printf("%s %s/%s: %s%n", r.outcome(), r.cluster(), r.service(), r.verdict());
      if (r.rollbackNote() != null) {
        out.println("  " + r.rollbackNote());
      }
    }
    out.flush();
  }
}
