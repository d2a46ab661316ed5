package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.spi.InetAddressResolverProvider;
import java.net.spi.URLStreamHandlerProvider;
import java.nio.charset.StandardCharsets;
import java.nio.charset.spi.CharsetProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SqlShortcutLoader}: the class path's jars without their {@code Class-Path} until a class is
 * missing, then the whole class path; packages with the jar's manifest; and the JDK services an HTTP call
 * looks up, which no library of the application provides (so the shorter search finds the same).
 */
class SqlShortcutLoaderTest {
    private static final String APP_CLASS = SettingsFiles.class.getName();
    private static final String LIB_CLASS = HubRequests.class.getName();
    private static final String SERVICE = "META-INF/services/io.lakehub.Example";

    @TempDir
    Path temp;

    @Test
    void servesTheClassPathJarsAloneUntilAClassIsMissingThenTheWholeClassPath() throws Exception {
        Path lib = jar("lib/library.jar", null, LIB_CLASS, SERVICE);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/library.jar");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "9.9-test");
        Path app = jar("app.jar", manifest, APP_CLASS, "app.properties");

        try (SqlShortcutLoader loader = new SqlShortcutLoader(app.toString())) {
            Class<?> fromApp = loader.loadClass(APP_CLASS);
            assertThat(fromApp.getClassLoader()).isSameAs(loader);
            assertThat(fromApp.getPackage().getImplementationVersion()).isEqualTo("9.9-test");
            URL resource = loader.getResource("app.properties");
            assertThat(resource).isNotNull();
            try (InputStream in = resource.openStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("app.properties");
            }
            assertThat(Collections.list(loader.getResources(SERVICE)))
                    .as("the library's files are not searched yet")
                    .isEmpty();
            assertThat(loader.usesFullClassPath()).isFalse();

            Class<?> fromLib = loader.loadClass(LIB_CLASS);
            assertThat(fromLib.getClassLoader()).isSameAs(loader);
            assertThat(loader.usesFullClassPath()).isTrue();
            assertThat(Collections.list(loader.getResources(SERVICE))).hasSize(1);
            assertThat(loader.loadClass(APP_CLASS)).isSameAs(fromApp);
            assertThat(loader.loadClass(SqlShortcutLoader.class.getName())).isSameAs(SqlShortcutLoader.class);
        }
    }

    @Test
    void aFolderOnTheClassPathMeansTheWholeClassPathAtOnce() throws Exception {
        Path app = jar("app.jar", null, APP_CLASS);
        Path folder = Files.createDirectories(temp.resolve("classes"));
        try (SqlShortcutLoader loader = new SqlShortcutLoader(app + File.pathSeparator + folder)) {
            assertThat(loader.usesFullClassPath()).isTrue();
            assertThat(loader.loadClass(APP_CLASS).getClassLoader()).isSameAs(loader);
        }
    }

    @Test
    void noLibraryProvidesTheJdkServicesAnHttpCallLooksUp() {
        for (Class<?> service : List.of(
                URLStreamHandlerProvider.class,
                System.LoggerFinder.class,
                InetAddressResolverProvider.class,
                CharsetProvider.class)) {
            List<String> fromClassPath = ServiceLoader.load(service, ClassLoader.getSystemClassLoader()).stream()
                    .map(ServiceLoader.Provider::type)
                    .filter(type -> !type.getModule().isNamed()) // the JDK's own modules provide some
                    .map(Class::getName)
                    .toList();
            assertThat(fromClassPath).as(service.getName()).isEmpty();
        }
    }

    /** A jar with these classes (their bytes from this class path) and files (their name as content). */
    private Path jar(String name, Manifest manifest, String... entries) throws IOException {
        Path jar = temp.resolve(name);
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out =
                        manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest)) {
            for (String entry : entries) {
                boolean isClass = !entry.contains("/") && !entry.endsWith(".properties");
                String path = isClass ? entry.replace('.', '/') + ".class" : entry;
                out.putNextEntry(new JarEntry(path));
                if (isClass) {
                    try (InputStream bytes = getClass().getClassLoader().getResourceAsStream(path)) {
                        bytes.transferTo(out);
                    }
                } else {
                    out.write(entry.getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return jar;
    }
}
