package org.segrank.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ClassProvider;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Applies the workspace schema migrations with Flyway.
 *
 * <p><b>Why no classpath scanning.</b> Flyway normally finds migrations by scanning
 * {@code classpath:db/migration}. Inside Equinox that scan goes through bundle class loaders and
 * {@code bundleresource:} URLs, which depends on Flyway's OSGi scanner seeing this bundle and
 * breaks in some launch configurations (workspace launches, exploded bundles, wrapped jars). So
 * the migrations are an explicit list of resource names loaded with
 * {@link Class#getResourceAsStream}, which resolves inside this bundle in OSGi and from the
 * class path outside it; and Java migrations come from an (empty) explicit list. With both
 * providers set Flyway creates no scanner at all. Flyway's own plugins (the H2 support) are found
 * through Flyway's own class loader, which works in OSGi because they live in the Flyway bundle.
 *
 * <p><b>Adding a migration:</b> add {@code db/migration/V<n>__<what>.sql} next to the others and
 * append its file name to {@link #MIGRATIONS}. Never edit an applied migration (Flyway
 * validates checksums on open and refuses a workspace whose history differs).
 */
final class SchemaMigrations {
    /** The resource folder of the migrations, relative to the class path / bundle root. */
    static final String LOCATION = "db/migration";

    /** Every migration, in version order; the only place Flyway learns of them. */
    static final List<String> MIGRATIONS = List.of("V1__initial_schema.sql", "V2__model_label_filter.sql",
            "V3__experiment_query_seconds.sql");

    private SchemaMigrations() {
    }

    /**
     * Brings the schema to the latest version; idempotent (a no-op when already current).
     * Flyway serialises concurrent migrations through a lock on its history table.
     */
    static MigrateResult migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .resourceProvider(new FixedListResourceProvider(SchemaMigrations.class, LOCATION, MIGRATIONS))
                .javaMigrationClassProvider(new NoJavaMigrations())
                .validateMigrationNaming(true)
                .cleanDisabled(true) // a workspace holds the lab's data: never let anything wipe it
                .load();
        return flyway.migrate();
    }

    /** Serves a fixed list of SQL resources loaded through one class (hence its bundle). */
    static final class FixedListResourceProvider implements ResourceProvider {
        private final List<LoadableResource> resources;

        FixedListResourceProvider(Class<?> anchor, String location, List<String> fileNames) {
            List<LoadableResource> list = new ArrayList<>();
            for (String fileName : fileNames) {
                list.add(new ClassResource(anchor, location, fileName));
            }
            this.resources = List.copyOf(list);
        }

        @Override
        public LoadableResource getResource(String name) {
            for (LoadableResource resource : resources) {
                if (resource.getRelativePath().equals(name) || resource.getAbsolutePath().equals(name)
                        || resource.getFilename().equals(name)) {
                    return resource;
                }
            }
            return null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> matching = new ArrayList<>();
            for (LoadableResource resource : resources) {
                String fileName = resource.getFilename();
                if (fileName.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(fileName::endsWith)) {
                    matching.add(resource);
                }
            }
            return matching;
        }
    }

    /** One SQL file, read fresh (UTF-8) each time Flyway asks. */
    static final class ClassResource extends LoadableResource {
        private final Class<?> anchor;
        private final String absolutePath;
        private final String fileName;

        ClassResource(Class<?> anchor, String location, String fileName) {
            this.anchor = anchor;
            this.absolutePath = location + "/" + fileName;
            this.fileName = fileName;
        }

        @Override
        public Reader read() {
            InputStream in = anchor.getResourceAsStream("/" + absolutePath);
            if (in == null) {
                throw new FlywayException("schema migration " + absolutePath + " is missing from the "
                        + "bundle/class path of " + anchor.getName() + " (is src/db/migration copied into the bundle?)");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return absolutePath;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return absolutePath;
        }

        @Override
        public String getFilename() {
            return fileName;
        }

        @Override
        public String getRelativePath() {
            return fileName;
        }
    }

    /** SegRank's migrations are SQL only. */
    static final class NoJavaMigrations implements ClassProvider<JavaMigration> {
        @Override
        public Collection<Class<? extends JavaMigration>> getClasses() {
            return List.of();
        }
    }

    /** Reads a migration's text, for tests and diagnostics. */
    static String text(String fileName) {
        try (Reader reader = new ClassResource(SchemaMigrations.class, LOCATION, fileName).read()) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                text.append(buffer, 0, read);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
