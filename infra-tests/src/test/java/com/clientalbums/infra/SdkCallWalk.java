package com.clientalbums.infra;

import com.clientalbums.infra.JavapClasses.ClassCode;
import com.clientalbums.infra.JavapClasses.MethodCode;
import com.clientalbums.infra.JavapClasses.Ref;
import com.clientalbums.infra.SdkCallsInCode.SdkCall;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The walk over methods from a handler, collecting the AWS SDK calls it meets. A call on a project
 * type reaches its definition and every override among the classes read (class hierarchy
 * analysis); a lambda or method reference reaches its target; a project class that is
 * instantiated reaches its methods that implement a library type's (a {@code Runnable}'s
 * {@code run}, an {@code Iterator}'s {@code next}), since library code calls those unseen.
 */
final class SdkCallWalk {

    private static final String PROJECT = ProjectClassGraph.PACKAGE.replace('.', '/');
    /**
     * What sends requests: a service client ({@code …/services/s3/S3Client}, async ones too), a
     * presigner ({@code …/services/s3/presigner/S3Presigner}), and the SDK's higher-level libraries
     * (the enhanced DynamoDB client and its tables, the transfer manager), so a call through one
     * of those is an unknown method to map, never a call missed.
     */
    private static final Pattern SDK_CLIENT = Pattern.compile("software/amazon/awssdk/(?:services/[a-z0-9]+/(?:presigner/)?"
            + "|enhanced/[\\w/]+/|transfer/[\\w/]+/)(\\w+(?:Client|Presigner|Table|Index|TransferManager))");

    private final Map<String, ClassCode> classes;
    private final Map<String, Set<String>> subtypes = new HashMap<>();
    private final Set<String> reached = new HashSet<>();
    private final Set<String> instantiated = new HashSet<>();
    private final Deque<MethodCode> next = new ArrayDeque<>();
    private final Map<MethodCode, ClassCode> ownerOf = new HashMap<>();
    private final Set<SdkCall> calls = new TreeSet<>(Comparator.comparing(SdkCall::client)
            .thenComparing(SdkCall::method).thenComparing(SdkCall::caller));

    SdkCallWalk(Map<String, ClassCode> classes) {
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
            for (Ref ref : owner.bootstraps.getOrDefault(index, List.of())) call(ref, owner);
        }
        method.touches.forEach(this::touch);
    }

    private void call(Ref ref, ClassCode caller) {
        Matcher sdk = SDK_CLIENT.matcher(ref.owner());
        if (sdk.matches()) {
            calls.add(new SdkCall(sdk.group(1), ref.name(), caller.name.replace('/', '.')));
            return;
        }
        if (!ref.owner().startsWith(PROJECT)) return;
        touch(ref.owner());
        switch (ref.dispatch()) {
            case STATIC -> resolve(ref.owner(), ref.signature());
            case EXACT, CONSTRUCTOR -> {
                // A subclass's constructor calls its superclass's: instantiating either is over-approximated alike.
                if (ref.name().equals("<init>")) instantiate(ref.owner());
                resolve(ref.owner(), ref.signature());
            }
            case VIRTUAL -> {
                resolve(ref.owner(), ref.signature());
                for (String sub : allSubtypes(ref.owner())) {
                    ClassCode c = classes.get(sub);
                    if (c != null && c.methods.containsKey(ref.signature())) reach(c.methods.get(ref.signature()));
                }
            }
            case NONE -> { } // a field handle
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
            Class<?> type = Class.forName(internalName.replace('/', '.'), false, SdkCallWalk.class.getClassLoader());
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
