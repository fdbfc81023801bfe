package io.rillflow.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.events.GroupAppendOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The threads group append's lanes share: none before work, never more than the bound, stopped by close. */
class GroupWorkersTest {
  private static int threads(String schema) {
    String prefix = "rillflow-group-append-" + schema + "-";
    return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
  }

  @Test
  void noThreadBeforeTheFirstLaneAndNeverMoreThanTheBound() throws Exception {
    GroupWorkers workers = GroupWorkers.of(GroupAppendOptions.enabled().threads(3), "bounded");
    assertThat(threads("bounded")).isZero();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(40);
    for (int i = 0; i < 40; i++) {
      workers.execute(() -> {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        running.decrementAndGet();
        done.countDown();
      });
    }
    assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    assertThat(most.get()).isEqualTo(3);
    assertThat(threads("bounded")).isEqualTo(3);
    workers.close();
    assertThat(threads("bounded")).isZero();
  }

  @Test
  void closeLetsRunningWorkFinishAndRefusesMore() throws Exception {
    GroupWorkers workers = GroupWorkers.of(GroupAppendOptions.enabled(), "closing");
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    workers.execute(() -> {
      started.countDown();
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      finished.incrementAndGet();
    });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    workers.close();
    assertThat(finished.get()).as("close waited for the running lane").isEqualTo(1);
    assertThatThrownBy(() -> workers.execute(() -> {})).isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("closing");
  }

  @Test
  void aThreadCountBelowOneIsRefused() {
    assertThatThrownBy(() -> GroupAppendOptions.enabled().threads(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("threads must be at least 1, was 0");
  }
}
