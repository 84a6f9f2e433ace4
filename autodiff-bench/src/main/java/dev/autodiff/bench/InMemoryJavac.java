package dev.autodiff.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java source held in a string with the JDK's own compiler and loads the classes, all in memory. */
final class InMemoryJavac {
    private InMemoryJavac() {}

    /**
     * A compiled class and the class files it came from.
     *
     * @param type the loaded class
     * @param classFiles every class file javac wrote, by binary name
     */
    record Compiled(Class<?> type, Map<String, byte[]> classFiles) {}

    /**
     * {@return {@code source}, which declares the top-level class {@code className} in no package,
     * compiled and loaded in a class loader of its own}
     *
     * @throws IllegalStateException when the running Java has no compiler (a JRE) or javac rejects
     *     the source (with javac's messages)
     */
    static Compiled compile(String className, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("expected a JDK with javac (ToolProvider.getSystemJavaCompiler()), "
                    + "got a Java runtime without one: " + System.getProperty("java.home"));
        }
        Map<String, ByteArrayOutputStream> written = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(null, null, null);
        JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return written.computeIfAbsent(name, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        StringWriter messages = new StringWriter();
        boolean ok = javac.getTask(messages, files, null, List.of("-proc:none", "-g:none"), null, List.of(file)).call();
        if (!ok) {
            throw new IllegalStateException("expected generated source that compiles, got javac errors:\n" + messages);
        }
        Map<String, byte[]> classFiles = new HashMap<>();
        written.forEach((name, bytes) -> classFiles.put(name, bytes.toByteArray()));
        ClassLoader loader = new ClassLoader(InMemoryJavac.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classFiles.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        try {
            return new Compiled(loader.loadClass(className), Map.copyOf(classFiles));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("expected javac to write class " + className + ", got " + classFiles.keySet(), e);
        }
    }
}
