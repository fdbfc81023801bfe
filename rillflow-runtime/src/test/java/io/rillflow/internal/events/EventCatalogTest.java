package io.rillflow.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.SchemaException;
import io.rillflow.spi.EventMapping;
import org.junit.jupiter.api.Test;

/**
 * What the store checks when modules of several compilations register events: the processor
 * checks each compilation, but only the store sees them together.
 */
class EventCatalogTest {
  record PlacedV1(String id) {}

  record PlacedV2(String id) {}

  record Placed(String id) {}

  record Shipped(String id) {}

  private static <E> EventMapping<E> mapping(Class<E> type, String name, int version) {
    return new EventMapping<>() {
      @Override
      public Class<E> eventType() {
        return type;
      }

      @Override
      public String typeName() {
        return name;
      }

      @Override
      public int schemaVersion() {
        return version;
      }
    };
  }

  private static EventCatalog.Builder threeVersions() {
    EventCatalog.Builder builder = new EventCatalog.Builder();
    builder.event(mapping(PlacedV1.class, "Placed", 1));
    builder.event(mapping(PlacedV2.class, "Placed", 2));
    builder.event(mapping(Placed.class, "Placed", 3));
    return builder;
  }

  @Test
  void aCompleteChainBuilds() {
    EventCatalog.Builder builder = threeVersions();
    builder.upcast(PlacedV1.class, PlacedV2.class, old -> new PlacedV2(old.id()));
    builder.upcast("Placed", 2, body -> body);

    EventCatalog catalog = builder.build();

    assertThat(catalog.families()).singleElement().satisfies(family -> {
      assertThat(family.currentVersion()).isEqualTo(3);
      assertThat(family.steps()).containsOnlyKeys(1, 2);
    });
  }

  @Test
  void twoClassesWithOneNameAndVersionFromTwoModulesAreRefused() {
    EventCatalog.Builder builder = new EventCatalog.Builder();
    builder.event(mapping(Placed.class, "Placed", 1));

    assertThatThrownBy(() -> builder.event(mapping(Shipped.class, "Placed", 1)))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("both claim type \"Placed\" version 1");
  }

  @Test
  void aChainThatStopsBelowTheCurrentVersionIsRefused() {
    EventCatalog.Builder builder = threeVersions();
    builder.upcast(PlacedV1.class, PlacedV2.class, old -> new PlacedV2(old.id()));

    assertThatThrownBy(builder::build)
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("The upcast chain of Placed stops at version 2, below its current version 3");
  }

  @Test
  void twoStepsFromOneVersionAreRefused() {
    EventCatalog.Builder builder = threeVersions();
    builder.upcast(PlacedV1.class, PlacedV2.class, old -> new PlacedV2(old.id()));
    builder.upcast("Placed", 1, body -> body);
    builder.upcast("Placed", 2, body -> body);

    assertThatThrownBy(builder::build)
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("Two upcasts read version 1 of Placed");
  }

  @Test
  void aStepFromTheCurrentVersionIsRefused() {
    EventCatalog.Builder builder = new EventCatalog.Builder();
    builder.event(mapping(Placed.class, "Placed", 1));
    builder.upcast("Placed", 1, body -> body);

    assertThatThrownBy(builder::build)
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("reads version 1, but the current version of Placed is 1");
  }

  @Test
  void aTypedStepBetweenTwoNamesOrOverAVersionIsRefused() {
    EventCatalog.Builder names = new EventCatalog.Builder();
    names.event(mapping(Placed.class, "Placed", 1));
    names.event(mapping(Shipped.class, "Shipped", 2));
    names.upcast(Placed.class, Shipped.class, old -> new Shipped(old.id()));
    assertThatThrownBy(names::build).hasMessageContaining("changes the event type from \"Placed\" to \"Shipped\"");

    EventCatalog.Builder versions = threeVersions();
    versions.upcast(PlacedV1.class, Placed.class, old -> new Placed(old.id()));
    assertThatThrownBy(versions::build).hasMessageContaining("must go to the next version");
  }

  @Test
  void stepsOfUnregisteredEventsAreRefused() {
    EventCatalog.Builder typed = new EventCatalog.Builder();
    typed.event(mapping(PlacedV2.class, "Placed", 2));
    typed.upcast(PlacedV1.class, PlacedV2.class, old -> new PlacedV2(old.id()));
    assertThatThrownBy(typed::build).hasMessageContaining(PlacedV1.class.getName() + " is not a registered @Event");

    EventCatalog.Builder json = new EventCatalog.Builder();
    json.upcast("Nothing", 1, body -> body);
    assertThatThrownBy(json::build).hasMessageContaining("names an event type no registered @Event class has");
  }

  @Test
  void anAggregateMayHandleOnlyTheCurrentClassOfARegisteredEvent() {
    EventCatalog.Builder builder = threeVersions();
    builder.upcast(PlacedV1.class, PlacedV2.class, old -> new PlacedV2(old.id()));
    builder.upcast("Placed", 2, body -> body);
    EventCatalog catalog = builder.build();

    assertThat(catalog.currentName(Placed.class, "Aggregate Order")).isEqualTo("Placed");
    assertThatThrownBy(() -> catalog.currentName(PlacedV2.class, "Aggregate Order"))
        .isInstanceOf(SchemaException.class)
        .hasMessage("Aggregate Order handles " + PlacedV2.class.getName() + ", version 2 of Placed; reads upcast it to "
            + Placed.class.getName() + ", so handle that class instead");
    assertThatThrownBy(() -> catalog.currentName(Shipped.class, "Aggregate Order"))
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("which is not a registered @Event");
  }
}
