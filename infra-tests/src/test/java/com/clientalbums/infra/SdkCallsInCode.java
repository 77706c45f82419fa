package com.clientalbums.infra;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The AWS SDK client and presigner methods the code of a function's shaded JAR can invoke,
 * read from its bytecode with the JDK's {@code javap} (one run over every project class its
 * handler reaches, {@link ProjectClassGraph}).
 *
 * <p>Reachability is per method, not per class: the repositories in common/ serve several
 * functions, and a class carried for one method (the album table's GetItem) must not count its
 * other methods' calls (the studio's Scan) against a function that never runs them. From the
 * handler's {@code handleRequest}, constructors and static initializer it follows every call;
 * a call on a project type reaches its definition and every override in the JAR (class
 * hierarchy analysis), a lambda or method reference reaches its target, and a project class
 * that is instantiated reaches its methods that implement a library type's (a {@code Runnable}'s
 * {@code run}, an {@code Iterator}'s {@code next}), since library code calls those unseen. This
 * over-approximates (an interface call reaches every implementation) but never misses a call.
 */
final class SdkCallsInCode {

    /** An SDK method the code invokes, e.g. {@code S3Client.headObject}, and the project class invoking it. */
    record SdkCall(String client, String method, String caller) {}

    private static final String PROJECT = ProjectClassGraph.PACKAGE.replace('.', '/');
    /** A service client ({@code …/services/s3/S3Client}) or presigner ({@code …/services/s3/presigner/S3Presigner}). */
    private static final Pattern SDK_CLIENT = Pattern.compile("software/amazon/awssdk/services/[a-z0-9]+/(?:presigner/)?(\\w+(?:Client|Presigner))");
    /** A method in javap's comments: {@code owner.name:descriptor}, the owner left out when it is the class itself. */
    private static final String REF = "(?:([\\w/$]+)\\.)?(\"?[\\w$<>]+\"?):(\\S+)";
    private static final Pattern INVOKE = Pattern.compile("^\\s+\\d+: (invoke\\w+)\\s+#\\d+(?:,\\s+\\d+)?\\s+// (?:Method|InterfaceMethod) " + REF);
    private static final Pattern INDY = Pattern.compile("^\\s+\\d+: invokedynamic\\s+#\\d+,\\s+\\d+\\s+// InvokeDynamic #(\\d+):");
    private static final Pattern NEW = Pattern.compile("^\\s+\\d+: new\\s+#\\d+\\s+// class ([\\w/$]+)");
    private static final Pattern STATIC_FIELD = Pattern.compile("^\\s+\\d+: (?:get|put)static\\s+#\\d+\\s+// Field ([\\w/$]+)\\.\\w");
    private static final Pattern BOOTSTRAP = Pattern.compile("^  (\\d+): #\\d+ ");
    private static final Pattern HANDLE = Pattern.compile("^\\s+#\\d+ REF_(\\w+) " + REF);
    private static final Pattern THIS_CLASS = Pattern.compile("^  this_class: #\\d+\\s+// ([\\w/$]+)");
    private static final Pattern SUPER_CLASS = Pattern.compile("^  super_class: #\\d+\\s+// ([\\w/$]+)");
    private static final Pattern DESCRIPTOR = Pattern.compile("^    descriptor: (\\(\\S+)");

    private SdkCallsInCode() {}

    /** Every SDK call the code {@code function}'s handler reaches in {@code jar}, unpacked into {@code workDir}. */
    static Set<SdkCall> in(LambdaFunction function, Path jar, Path workDir) throws IOException {
        ProjectClassGraph graph = ProjectClassGraph.of(jar, workDir);
        List<String> files = new ArrayList<>(List.of("-v", "-p"));
        for (String c : graph.reachableFrom(function.handler().getName())) {
            if (graph.classes().contains(c)) files.add(workDir.resolve(c.replace('.', '/') + ".class").toString());
        }
        Map<String, ClassCode> classes = parse(javap(files));
        return new Reach(classes).from(function.handler().getName().replace('.', '/'));
    }

    private static String javap(List<String> arguments) {
        ToolProvider javap = ToolProvider.findFirst("javap")
                .orElseThrow(() -> new IllegalStateException("javap is missing: the tests need a JDK, not a JRE"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // -v, not just -c: a method reference's target is only in the BootstrapMethods table.
        int status = javap.run(new PrintWriter(out), new PrintWriter(err), arguments.toArray(String[]::new));
        if (status != 0) throw new IllegalStateException("javap failed (" + status + "): " + err);
        return out.toString();
    }

    /** A method named in bytecode: owner (internal name), name, descriptor, and how it is invoked. */
    private record Ref(String kind, String owner, String name, String descriptor) {
        /** From a match of {@link #REF} starting at group {@code first}, in the code of class {@code self}. */
        static Ref of(String kind, Matcher m, int first, String self) {
            String owner = m.group(first) != null ? m.group(first) : self;
            return new Ref(kind, owner, m.group(first + 1).replace("\"", ""), m.group(first + 2));
        }

        String signature() {
            return name + descriptor;
        }
    }

    private static final class MethodCode {
        final String name;
        final String descriptor;
        final boolean isStatic;
        final List<Ref> invokes = new ArrayList<>();
        final List<Integer> dynamicCalls = new ArrayList<>();
        final Set<String> touches = new TreeSet<>();

        MethodCode(String name, String descriptor, boolean isStatic) {
            this.name = name;
            this.descriptor = descriptor;
            this.isStatic = isStatic;
        }
    }

    private static final class ClassCode {
        final String name;
        String superName;
        final List<String> interfaces = new ArrayList<>();
        final Map<String, MethodCode> methods = new LinkedHashMap<>();
        final Map<Integer, List<Ref>> bootstraps = new HashMap<>();

        ClassCode(String name) {
            this.name = name;
        }

        List<String> supertypes() {
            List<String> all = new ArrayList<>(interfaces);
            if (superName != null) all.add(superName);
            return all;
        }
    }

    private static Map<String, ClassCode> parse(String javap) {
        Map<String, ClassCode> classes = new HashMap<>();
        ClassCode current = null;
        String header = null;
        boolean inBody = false;
        String declaration = null;
        MethodCode method = null;
        int bootstrap = -1;
        for (String line : javap.lines().toList()) {
            Matcher m;
            if (line.startsWith("Classfile ")) {
                current = null;
                header = null;
                method = null;
                bootstrap = -1;
            } else if (header == null && !line.startsWith(" ") && line.contains(" com.clientalbums.")) {
                header = line;
            } else if (current == null && (m = THIS_CLASS.matcher(line)).find()) {
                current = new ClassCode(m.group(1));
                classes.put(current.name, current);
                current.interfaces.addAll(interfacesOf(header));
            } else if (current == null) {
                continue;
            } else if ((m = SUPER_CLASS.matcher(line)).find()) {
                current.superName = m.group(1);
            } else if (line.equals("{") || line.equals("}")) {
                inBody = line.equals("{");
                method = null;
            } else if (inBody && line.startsWith("  ") && !line.startsWith("   ") && line.endsWith(";")) {
                declaration = line.trim();
                method = null;
            } else if (inBody && declaration != null && (m = DESCRIPTOR.matcher(line)).find()) {
                method = new MethodCode(methodName(declaration, current.name), m.group(1), declaration.matches("(.* )?static .*"));
                current.methods.put(method.name + method.descriptor, method);
                declaration = null;
            } else if (method != null) {
                if ((m = INVOKE.matcher(line)).find()) method.invokes.add(Ref.of(m.group(1), m, 2, current.name));
                else if ((m = INDY.matcher(line)).find()) method.dynamicCalls.add(Integer.parseInt(m.group(1)));
                else if ((m = NEW.matcher(line)).find()) method.touches.add(m.group(1));
                else if ((m = STATIC_FIELD.matcher(line)).find()) method.touches.add(m.group(1));
            } else if (!inBody && (m = BOOTSTRAP.matcher(line)).find()) {
                bootstrap = Integer.parseInt(m.group(1));
                current.bootstraps.put(bootstrap, new ArrayList<>());
            } else if (!inBody && bootstrap >= 0 && (m = HANDLE.matcher(line)).find()) {
                current.bootstraps.get(bootstrap).add(Ref.of(m.group(1), m, 2, current.name));
            }
        }
        return classes;
    }

    /** {@code <clinit>}, {@code <init>} or the identifier before the parameter list. */
    private static String methodName(String declaration, String owner) {
        if (declaration.equals("static {};")) return "<clinit>";
        String beforeParameters = declaration.substring(0, declaration.indexOf('('));
        String name = beforeParameters.substring(beforeParameters.lastIndexOf(' ') + 1);
        return name.equals(owner.replace('/', '.')) ? "<init>" : name;
    }

    /** The interfaces a javap class header names ({@code … implements a.B, c.D<e.F>}), generics dropped. */
    private static List<String> interfacesOf(String header) {
        if (header == null) return List.of();
        StringBuilder plain = new StringBuilder();
        int depth = 0;
        for (char c : header.toCharArray()) {
            if (c == '<') depth++;
            else if (c == '>') depth--;
            else if (depth == 0) plain.append(c);
        }
        String text = plain.toString().replace("{", "").trim();
        String keyword = text.contains(" interface ") || text.startsWith("interface ") ? " extends " : " implements ";
        int at = text.indexOf(keyword);
        if (at < 0) return List.of();
        List<String> names = new ArrayList<>();
        for (String name : text.substring(at + keyword.length()).split(",")) names.add(name.trim().replace('.', '/'));
        return names;
    }

    /** The walk over methods from a handler, collecting the SDK calls it meets. */
    private static final class Reach {
        private final Map<String, ClassCode> classes;
        private final Map<String, Set<String>> subtypes = new HashMap<>();
        private final Set<String> reached = new HashSet<>();
        private final Set<String> instantiated = new HashSet<>();
        private final Deque<MethodCode> next = new ArrayDeque<>();
        private final Map<MethodCode, ClassCode> ownerOf = new HashMap<>();
        private final Set<SdkCall> calls = new TreeSet<>(java.util.Comparator.comparing(SdkCall::client)
                .thenComparing(SdkCall::method).thenComparing(SdkCall::caller));

        Reach(Map<String, ClassCode> classes) {
            this.classes = classes;
            for (ClassCode c : classes.values()) {
                c.methods.values().forEach(m -> ownerOf.put(m, c));
                for (String s : c.supertypes()) subtypes.computeIfAbsent(s, k -> new HashSet<>()).add(c.name);
            }
        }

        Set<SdkCall> from(String handler) {
            ClassCode root = classes.get(handler);
            if (root == null) throw new IllegalStateException(handler + " is not among the classes read");
            // Lambda makes the handler with its no-argument constructor and calls handleRequest.
            instantiate(handler);
            root.methods.values().stream().filter(m -> m.name.equals("handleRequest") || m.name.equals("<init>")).forEach(this::reach);
            while (!next.isEmpty()) visit(next.pop());
            return calls;
        }

        private void visit(MethodCode method) {
            ClassCode owner = ownerOf.get(method);
            for (Ref ref : method.invokes) call(ref, owner);
            for (int index : method.dynamicCalls) {
                for (Ref ref : owner.bootstraps.getOrDefault(index, List.of())) handle(ref, owner);
            }
            method.touches.forEach(this::touch);
            for (Ref ref : method.invokes) {
                if (ref.kind().equals("invokespecial") && ref.name().equals("<init>")) instantiate(ref.owner());
            }
        }

        private void handle(Ref ref, ClassCode caller) {
            switch (ref.kind()) {
                case "invokeStatic" -> call(new Ref("invokestatic", ref.owner(), ref.name(), ref.descriptor()), caller);
                case "invokeSpecial" -> call(new Ref("invokespecial", ref.owner(), ref.name(), ref.descriptor()), caller);
                case "newInvokeSpecial" -> {
                    instantiate(ref.owner());
                    call(new Ref("invokespecial", ref.owner(), ref.name(), ref.descriptor()), caller);
                }
                case "invokeVirtual", "invokeInterface" -> call(new Ref("invokevirtual", ref.owner(), ref.name(), ref.descriptor()), caller);
                default -> { } // field handles (records' equals/hashCode/toString) run no project code
            }
        }

        private void call(Ref ref, ClassCode caller) {
            Matcher sdk = SDK_CLIENT.matcher(ref.owner());
            if (sdk.matches()) {
                calls.add(new SdkCall(sdk.group(1), ref.name(), caller.name.replace('/', '.')));
                return;
            }
            if (!ref.owner().startsWith(PROJECT)) return;
            touch(ref.owner());
            resolve(ref.owner(), ref.signature());
            if (ref.kind().equals("invokevirtual") || ref.kind().equals("invokeinterface")) {
                for (String sub : allSubtypes(ref.owner())) {
                    ClassCode c = classes.get(sub);
                    if (c != null && c.methods.containsKey(ref.signature())) reach(c.methods.get(ref.signature()));
                }
            }
        }

        /** The definition a call on {@code owner} runs: its own, a superclass's or an interface's default. */
        private boolean resolve(String owner, String signature) {
            ClassCode c = classes.get(owner);
            if (c == null) return false;
            MethodCode m = c.methods.get(signature);
            if (m != null) {
                reach(m);
                return true;
            }
            for (String s : c.supertypes()) {
                if (resolve(s, signature)) return true;
            }
            return false;
        }

        private Set<String> allSubtypes(String type) {
            Set<String> all = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(type));
            while (!todo.isEmpty()) {
                for (String s : subtypes.getOrDefault(todo.pop(), Set.of())) {
                    if (all.add(s)) todo.push(s);
                }
            }
            return all;
        }

        /** A class whose static member is used runs its static initializer. */
        private void touch(String type) {
            ClassCode c = classes.get(type);
            if (c != null && c.methods.containsKey("<clinit>()V")) reach(c.methods.get("<clinit>()V"));
        }

        /**
         * A new instance of {@code type}: library code may call its methods that implement a library
         * type's (Iterator.next, Runnable.run, AutoCloseable.close), without a call in the project.
         */
        private void instantiate(String type) {
            if (!instantiated.add(type) || !classes.containsKey(type)) return;
            touch(type);
            for (String library : librarySupertypes(type)) {
                for (Method m : libraryMethods(library)) {
                    for (String signature : implementations(type, m)) resolve(type, signature);
                }
            }
        }

        private Set<String> librarySupertypes(String type) {
            Set<String> library = new TreeSet<>();
            ClassCode c = classes.get(type);
            if (c == null) return library;
            for (String s : c.supertypes()) {
                if (s.startsWith(PROJECT)) library.addAll(librarySupertypes(s));
                else if (!s.equals("java/lang/Object") && !s.equals("java/lang/Record") && !s.equals("java/lang/Enum")) library.add(s);
            }
            return library;
        }

        /** The signatures in {@code type} or its project supertypes with the name and arity of {@code m}. */
        private Set<String> implementations(String type, Method m) {
            Set<String> found = new TreeSet<>();
            ClassCode c = classes.get(type);
            if (c == null) return found;
            for (MethodCode code : c.methods.values()) {
                if (!code.isStatic && code.name.equals(m.getName()) && arity(code.descriptor) == m.getParameterCount()) {
                    found.add(code.name + code.descriptor);
                }
            }
            for (String s : c.supertypes()) found.addAll(implementations(s, m));
            return found;
        }

        private static List<Method> libraryMethods(String internalName) {
            try {
                Class<?> type = Class.forName(internalName.replace('/', '.'), false, SdkCallsInCode.class.getClassLoader());
                List<Method> methods = new ArrayList<>();
                for (Method m : type.getMethods()) {
                    if (!Modifier.isStatic(m.getModifiers())) methods.add(m);
                }
                return methods;
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("a project class implements " + internalName
                        + ", which the tests cannot load to see which of its methods library code calls", e);
            }
        }

        private void reach(MethodCode method) {
            ClassCode owner = ownerOf.get(method);
            if (reached.add(owner.name + "." + method.name + method.descriptor)) {
                next.push(method);
                touch(owner.name);
            }
        }
    }

    /** The number of parameters in a method descriptor. */
    static int arity(String descriptor) {
        int count = 0;
        int i = 1;
        while (descriptor.charAt(i) != ')') {
            while (descriptor.charAt(i) == '[') i++;
            if (descriptor.charAt(i) == 'L') i = descriptor.indexOf(';', i);
            i++;
            count++;
        }
        return count;
    }
}
