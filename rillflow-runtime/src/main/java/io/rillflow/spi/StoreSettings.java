package io.rillflow.spi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.rillflow.AutoCreate;
import io.rillflow.events.AppendOptions;
import io.rillflow.events.ArchiveOptions;
import io.rillflow.events.EventStorage;
import io.rillflow.events.GroupAppendOptions;
import io.rillflow.PoolOptions;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.events.UnknownEventTypes;
import io.rillflow.tenancy.Tenancy;
import java.util.List;
import javax.sql.DataSource;

/**
 * A checked, complete store description, handed from the public builder to the store. Exactly one
 * of {@code url} and {@code dataSource} is set; {@code objectMapper} and {@code openTelemetry} (no
 * tracing) may be {@code null}; {@code readReplica} is {@link ReplicaSettings#NONE} when there is none; {@code groupAppends} is
 * {@link GroupAppendOptions#OFF} when appends are not grouped.
 */
public record StoreSettings(
    String url,
    String username,
    String password,
    DataSource dataSource,
    String schema,
    AutoCreate autoCreate,
    PoolOptions pool,
    ObjectMapper objectMapper,
    UnknownEventTypes unknownEventTypes,
    boolean discoverModules,
    ClassLoader classLoader,
    List<RillflowModule> modules,
    List<RegisteredProjection> projections,
    boolean readModels,
    ProjectionOptions projectionOptions,
    MeterRegistry meterRegistry,
    AppendOptions appendDefaults,
    boolean storeWideIdempotencyKeys,
    ReplicaSettings readReplica,
    OpenTelemetry openTelemetry,
    Tenancy tenancy,
    GroupAppendOptions groupAppends,
    ArchiveOptions archive,
    EventStorage eventStorage) {}
