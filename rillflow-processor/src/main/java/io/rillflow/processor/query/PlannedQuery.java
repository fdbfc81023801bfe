package io.rillflow.processor.query;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * A query method's SQL, fixed at compile time, and the calls that bind its values.
 *
 * @param sql the statement; its table is written {@code {{table}}} for the store to qualify
 * @param countSql the count of all matches, for a {@code Page}; else {@code null}
 * @param binds one {@code .bind...(...)} call per placeholder, in order
 * @param paths the JSON paths the binds name, as constant name to segments
 */
public record PlannedQuery(String sql, String countSql, List<CodeBlock> binds, java.util.Map<String, List<String>> paths) {}
