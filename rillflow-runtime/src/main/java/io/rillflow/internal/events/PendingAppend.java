package io.rillflow.internal.events;

import io.rillflow.events.AppendResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One caller's append waiting in a {@link GroupLane}: the request, what the caller's thread already
 * wrote as text (headers stamped with the caller's trace context, each event's JSON), and the
 * outcome the caller waits for, completed only after the group's commit.
 */
final class PendingAppend {
  final AppendRequest request;
  final String headers;
  final String[] types;
  final Integer[] versions;
  final String[] data;
  final CompletableFuture<AppendResult> outcome = new CompletableFuture<>();

  PendingAppend(AppendRequest request, String headers) {
    this.request = request;
    this.headers = headers;
    List<AppendRequest.Typed> events = request.events();
    int count = events.size();
    types = new String[count];
    versions = new Integer[count];
    data = new String[count];
    for (int i = 0; i < count; i++) {
      AppendRequest.Typed event = events.get(i);
      types[i] = event.type().name();
      versions[i] = event.type().version();
      data[i] = event.type().write(event.event());
    }
  }

  String stream() {
    return request.streamKey();
  }
}
