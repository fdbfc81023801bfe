#!/usr/bin/env bash
# Builds a small project set up as the README's "Using it" says (rillflow-runtime as a dependency,
# rillflow-processor in maven-compiler-plugin's annotationProcessorPaths) with the JDK given, and
# checks that the processor ran: the project's own code uses the generated Book_ metamodel and
# BookRepositoryImpl, so it compiles only if they were generated.
#
#   scripts/readme-setup-check.sh /usr/lib/jvm/temurin-25-jdk-amd64 [--provided] [maven args...]
#
# --provided sets the processor up the old way instead (a provided dependency) to show the JDK 23+
# trap: there the build fails on the missing Book_. Install Rillflow first (mvn install -DskipTests);
# extra arguments go to Maven (for example -o -Dmaven.repo.local=...).
set -euo pipefail
jdk=${1:?usage: $0 <java home> [--provided] [maven args...]}
shift
setup=processor-path
if [[ ${1:-} == --provided ]]; then
  setup=provided
  shift
fi
version=0.1.0-SNAPSHOT
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/src/main/java/com/acme"

if [[ $setup == provided ]]; then
  processor_dependency="<dependency><groupId>io.rillflow</groupId><artifactId>rillflow-processor</artifactId><version>$version</version><scope>provided</scope></dependency>"
  processor_path=""
else
  processor_dependency=""
  processor_path="<annotationProcessorPaths><path><groupId>io.rillflow</groupId><artifactId>rillflow-processor</artifactId><version>$version</version></path></annotationProcessorPaths>"
fi

cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>readme-setup</artifactId>
  <version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>io.rillflow</groupId><artifactId>rillflow-runtime</artifactId><version>$version</version></dependency>
    $processor_dependency
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.16.0</version>
        <configuration>$processor_path</configuration>
      </plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
    </plugins>
  </build>
</project>
POM

cat > "$dir/src/main/java/com/acme/Book.java" <<'JAVA'
package com.acme;

@io.rillflow.annotations.Document
public record Book(java.util.UUID id, String title, int pages) {}
JAVA
cat > "$dir/src/main/java/com/acme/BookRepository.java" <<'JAVA'
package com.acme;

@io.rillflow.annotations.Repository
public interface BookRepository extends io.rillflow.DocumentRepository<Book, java.util.UUID> {
  java.util.List<Book> findByTitle(String title);
}
JAVA
cat > "$dir/src/main/java/com/acme/UsesGeneratedCode.java" <<'JAVA'
package com.acme;

/** Compiles only when the processor generated the metamodel and the repository. */
final class UsesGeneratedCode {
  static io.rillflow.query.Condition<Book> longBooks() {
    return Book_.pages.gt(500);
  }

  static Class<?> repository() {
    return BookRepositoryImpl.class;
  }
}
JAVA

echo "JDK: $("$jdk/bin/java" -version 2>&1 | head -1); processor set up as: $setup"
JAVA_HOME=$jdk mvn -B -q -f "$dir/pom.xml" "$@" compile
generated=$dir/target/generated-sources/annotations/com/acme
for file in Book_Mapping.java Book_.java BookRepositoryImpl.java Book_RillflowModule.java; do
  test -f "$generated/$file" || { echo "MISSING: $file"; exit 1; }
  echo "generated: com/acme/$file"
done
test -f "$dir/target/classes/META-INF/services/io.rillflow.spi.RillflowModule"
echo "generated: META-INF/services/io.rillflow.spi.RillflowModule"
echo OK
