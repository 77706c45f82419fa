package com.clientalbums.infra;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Class files as the JDK's {@code javap -v -p} prints them, read back into what a call graph
 * needs: each class's supertypes, each method's calls, the classes it instantiates or whose
 * statics it uses, and the targets of its lambdas and method references. One javap run for all
 * the classes: starting the tool once per class would cost more than reading them.
 */
final class JavapClasses {

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

    private JavapClasses() {}

    /** The classes of {@code classFiles}, by internal name ({@code com/clientalbums/…}). */
    static Map<String, ClassCode> read(List<Path> classFiles) {
        List<String> arguments = new ArrayList<>(List.of("-v", "-p"));
        classFiles.forEach(f -> arguments.add(f.toString()));
        return parse(javap(arguments));
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

    /** How a call picks the method it runs. */
    enum Dispatch {
        /** invokestatic, or a handle to a static method. */
        STATIC,
        /** invokespecial: a constructor, a private method or {@code super.m()}, run as named. */
        EXACT,
        /** A {@code new} object's constructor through a method handle ({@code Foo::new}). */
        CONSTRUCTOR,
        /** invokevirtual or invokeinterface: the receiver's class picks the method. */
        VIRTUAL,
        /** A field handle (a record's equals, hashCode, toString): runs no project method. */
        NONE;

        /** From javap's instruction ({@code invokevirtual}) or method handle kind ({@code REF_newInvokeSpecial}, without REF_). */
        static Dispatch of(String kind) {
            return switch (kind) {
                case "invokestatic", "invokeStatic" -> STATIC;
                case "invokespecial", "invokeSpecial" -> EXACT;
                case "newInvokeSpecial" -> CONSTRUCTOR;
                case "invokevirtual", "invokeinterface", "invokeVirtual", "invokeInterface" -> VIRTUAL;
                default -> NONE;
            };
        }
    }

    /** A method named in bytecode: owner (internal name), name, descriptor, and how it is invoked. */
    record Ref(Dispatch dispatch, String owner, String name, String descriptor) {
        /** From a match of {@link #REF} starting at group {@code first}, in the code of class {@code self}. */
        static Ref of(String kind, Matcher m, int first, String self) {
            String owner = m.group(first) != null ? m.group(first) : self;
            return new Ref(Dispatch.of(kind), owner, m.group(first + 1).replace("\"", ""), m.group(first + 2));
        }

        String signature() {
            return name + descriptor;
        }
    }

    static final class MethodCode {
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

    static final class ClassCode {
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

    /**
     * javap -v prints per class: "Classfile …", the declaration (with its interfaces), this_class and
     * super_class, the constant pool, then between "{" and "}" each member's declaration, its
     * descriptor and its code, one instruction a line with the member it names in a comment; after
     * "}", the BootstrapMethods table with the method handles of each invokedynamic.
     */
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

}
