package io.lakehub.app.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

/**
 * The system class loader of the lean JVM in which the launcher runs {@link SqlShortcut} ({@code
 * -Djava.system.class.loader=io.lakehub.app.cli.SqlShortcutLoader}, ADR 0059).
 *
 * <p>The application jar names its ~240 libraries in its manifest's {@code Class-Path}. The JDK's class
 * loader opens every one of them the first time anything looks for a resource on the class path, and
 * an HTTP call does (the JDK looks for URL handler and logger providers): ~0.2 s of CPU, more than the
 * rest of the lean start. This loader first serves classes and resources from the jars on the class
 * path alone, read without their {@code Class-Path} (the launcher gives the application jar and
 * jackson-core: all that {@link SqlShortcut}'s quick path loads). The first class it does not find
 * there, or {@link #useFullClassPath()}, switches it to the whole class path, {@code Class-Path}
 * included, as the JDK's loader reads it: the full command line then runs in this JVM as it would in
 * its own. The JDK services looked up on the quick path are provided by none of the libraries, so the
 * shorter search finds what the whole class path would (SqlShortcutLoaderTest).
 *
 * <p>Its parent is the platform class loader: the JDK's application class loader (which loaded this
 * class) is bypassed, so that each class of the application is defined once, here.
 */
public final class SqlShortcutLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** The class path's jars, read without their {@code Class-Path}, until the switch. */
    private final List<Jar> jars = new ArrayList<>();

    /** The class path as given, for the switch. */
    private final List<URL> classPath = new ArrayList<>();

    private volatile boolean full;

    /** A class path jar opened as it is, with its manifest for the packages defined from it. */
    private record Jar(JarFile file, URL url, Manifest manifest) {}

    /**
     * Called by the JVM for {@code -Djava.system.class.loader}.
     *
     * @param jdkLoader the JDK's application class loader; not used (see the class comment)
     */
    public SqlShortcutLoader(ClassLoader jdkLoader) {
        this(System.getProperty("java.class.path", ""));
    }

    /** A loader for this class path (entries separated by {@link File#pathSeparator}). */
    SqlShortcutLoader(String path) {
        super("lakehub-sql", new URL[0], ClassLoader.getPlatformClassLoader());
        boolean jarsOnly = true;
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path file = Path.of(entry).toAbsolutePath();
            try {
                URL url = file.toUri().toURL();
                classPath.add(url);
                if (jarsOnly && Files.isRegularFile(file)) {
                    // Versioned entries of multi-release jars (jackson-core's) as the JDK's loader reads them.
                    JarFile jar = new JarFile(file.toFile(), true, ZipFile.OPEN_READ, Runtime.version());
                    jars.add(new Jar(jar, url, jar.getManifest()));
                } else {
                    jarsOnly = false; // a folder or a missing entry: the whole class path at once
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open " + file + " on the class path: " + e.getMessage(), e);
            }
        }
        if (!jarsOnly) {
            useFullClassPath();
        }
    }

    /**
     * From now on, the whole class path: the jars' {@code Class-Path} included. Classes already
     * defined stay as they are (the same bytes the whole class path has first).
     */
    public synchronized void useFullClassPath() {
        if (full) {
            return;
        }
        for (URL url : classPath) {
            addURL(url);
        }
        full = true;
    }

    /** Whether {@link #useFullClassPath()} has happened. */
    boolean usesFullClassPath() {
        return full;
    }

    /**
     * This class itself from the loader that defined it, so that code loaded here that names it sees
     * the same class as the instance the JVM made.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(SqlShortcutLoader.class.getName())) {
            return SqlShortcutLoader.class;
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (!full) {
            String entry = name.replace('.', '/').concat(".class");
            for (Jar jar : jars) {
                JarEntry found = jar.file().getJarEntry(entry);
                if (found != null) {
                    return define(name, jar, found);
                }
            }
            useFullClassPath();
        }
        return super.findClass(name);
    }

    private Class<?> define(String name, Jar jar, JarEntry entry) throws ClassNotFoundException {
        byte[] bytes;
        try (InputStream in = jar.file().getInputStream(entry)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " (cannot read it from " + jar.url() + ")", e);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            String pkg = name.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    // With the jar's manifest, as URLClassLoader does (Implementation-Version for --version).
                    definePackage(pkg, jar.manifest() == null ? new Manifest() : jar.manifest(), jar.url());
                } catch (IllegalArgumentException e) {
                    // Another thread defined it in between: the same package from the same jar.
                }
            }
        }
        return defineClass(name, bytes, 0, bytes.length, new CodeSource(jar.url(), entry.getCodeSigners()));
    }

    @Override
    public URL findResource(String name) {
        if (full) {
            return super.findResource(name);
        }
        for (Jar jar : jars) {
            JarEntry entry = jar.file().getJarEntry(name);
            if (entry != null) {
                return resource(jar, entry);
            }
        }
        return null;
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        if (full) {
            return super.findResources(name);
        }
        List<URL> found = new ArrayList<>();
        for (Jar jar : jars) {
            JarEntry entry = jar.file().getJarEntry(name);
            if (entry != null) {
                found.add(resource(jar, entry));
            }
        }
        return Collections.enumeration(found);
    }

    /** {@code jar:file:...!/entry}, the form the JDK's loader answers (a jar: URL looks up no handler provider). */
    private static URL resource(Jar jar, JarEntry entry) {
        try {
            String path = new URI(null, null, "/" + entry.getRealName(), null).getRawPath();
            return URI.create("jar:" + jar.url() + "!" + path).toURL();
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException("No URL for " + entry.getName() + " in " + jar.url(), e);
        }
    }
}
