package com.clientalbums.infra.schema;

import com.clientalbums.infra.schema.ProviderSchema.BlockSchema;
import com.clientalbums.infra.schema.ProviderSchema.NestedBlock;
import com.clientalbums.infra.schema.References.Reference;
import com.clientalbums.infra.terraform.Finding;
import com.clientalbums.infra.terraform.HclSource;
import com.clientalbums.infra.terraform.HclSource.Attribute;
import com.clientalbums.infra.terraform.HclSource.Block;
import com.clientalbums.infra.terraform.SourceLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code terraform/} against the AWS provider's schema ({@link ProviderSchema}): what
 * {@code terraform validate} would reject for the provider's sake, found without Terraform.
 *
 * <ul>
 *   <li>every {@code aws_*} resource and data source type exists;</li>
 *   <li>every argument and nested block exists at the level it is written, is written as what
 *       it is (an argument with {@code =}, a block with braces), a block the provider allows once
 *       is written once, and every required argument and block is there ({@code dynamic} blocks
 *       count as their block, Terraform's meta-arguments are allowed where Terraform has them);</li>
 *   <li>every reference {@code aws_x.name.attr} or {@code data.aws_x.name.attr}, in any
 *       expression, names a declared block, indexes it exactly when it has {@code count} or
 *       {@code for_each}, and reads an attribute its type has;</li>
 *   <li>the {@code provider "aws"} block's arguments and blocks exist there;</li>
 *   <li>versions.tf's aws entry is {@code hashicorp/aws}, and its constraint admits the schema's version.</li>
 * </ul>
 */
public final class SchemaCheck {

    /**
     * Type prefixes of the other providers versions.tf declares (random, tls): their resources
     * are not checked, as their schemas are not here. Any other non-aws type is a finding, since
     * Terraform would need a provider nobody declared.
     */
    static final List<String> UNCHECKED_PROVIDERS = List.of("random_", "tls_");

    // Terraform's own meta-arguments and blocks, which no provider schema lists.
    private static final Set<String> META_ARGUMENTS = Set.of("count", "for_each", "depends_on", "provider");
    private static final Set<String> RESOURCE_META_BLOCKS = Set.of("lifecycle", "provisioner", "connection");
    private static final Set<String> DATA_META_BLOCKS = Set.of("lifecycle");
    // Blocks whose references name what is not (or no longer) declared: moved.from, removed.from.
    private static final Set<String> NOT_SCANNED = Set.of("moved", "removed");

    private static final Pattern AWS_VERSION = Pattern.compile("\\bversion\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern AWS_SOURCE = Pattern.compile("\\bsource\\s*=\\s*\"([^\"]*)\"");

    private final ProviderSchema schema;

    public SchemaCheck(ProviderSchema schema) {
        this.schema = schema;
    }

    /** Every finding in the {@code .tf} files of {@code terraformDir}. */
    public List<Finding> check(Path terraformDir) {
        return check(HclSource.parseDir(terraformDir));
    }

    /** A declared resource or data source: its type, and whether it is indexed (count or for_each). */
    private record Declared(String type, boolean indexed) {}

    public List<Finding> check(Map<String, List<Block>> files) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Declared> declared = new HashMap<>();
        List<Block> all = files.values().stream().flatMap(List::stream).toList();
        for (Block block : all) {
            if ((block.type().equals("resource") || block.type().equals("data")) && block.labels().size() == 2) {
                boolean indexed = block.attribute("count").isPresent() || block.attribute("for_each").isPresent();
                declared.put((block.type().equals("data") ? "data." : "") + block.labels().get(0) + "." + block.labels().get(1),
                        new Declared(block.labels().get(0), indexed));
            }
        }
        for (Block block : all) {
            switch (block.type()) {
                case "resource" -> type(block, "", schema::resource, RESOURCE_META_BLOCKS, findings);
                case "data" -> type(block, "data.", schema::dataSource, DATA_META_BLOCKS, findings);
                case "provider" -> {
                    if (block.labels().equals(List.of("aws"))) {
                        new Body("provider.aws", "the aws provider", schema.providerConfig(), Set.of(), Set.of(), findings)
                                .check(block, schema.providerConfig(), List.of());
                    }
                }
                default -> { }
            }
            if (!NOT_SCANNED.contains(block.type())) {
                block.descendants().flatMap(b -> b.attributes().stream()).forEach(a -> references(a, declared, findings));
            }
        }
        providerVersion(all, findings);
        return findings;
    }

    private void type(Block block, String prefix, Function<String, Optional<BlockSchema>> lookup, Set<String> metaBlocks, List<Finding> findings) {
        String type = block.labels().get(0);
        String address = prefix + type + "." + block.labels().get(1);
        if (!type.startsWith("aws_")) {
            if (UNCHECKED_PROVIDERS.stream().noneMatch(type::startsWith)) {
                findings.add(new Finding(block.at(), address + ": " + type + " belongs to no provider versions.tf declares"
                        + " (aws, and unchecked here: " + String.join(", ", UNCHECKED_PROVIDERS) + ")"));
            }
            return;
        }
        Optional<BlockSchema> found = lookup.apply(type);
        if (found.isEmpty()) {
            findings.add(new Finding(block.at(), address + ": " + type + " is not a " + (prefix.isEmpty() ? "resource" : "data source")
                    + " type of the aws provider " + schema.version()));
            return;
        }
        new Body(address, type, found.get(), META_ARGUMENTS, metaBlocks, findings).check(block, found.get(), List.of());
    }

    /** One resource's or data source's body, checked level by level against its schema. */
    private record Body(String address, String type, BlockSchema root, Set<String> metaArguments, Set<String> metaBlocks, List<Finding> findings) {

        void check(Block written, BlockSchema schema, List<String> path) {
            if (schema.open()) return;
            String here = path.isEmpty() ? type : "`" + String.join(".", path) + "`";
            boolean top = path.isEmpty();
            Set<String> present = new HashSet<>();
            for (Attribute attribute : written.attributes()) {
                String name = attribute.name();
                present.add(name);
                if (top && metaArguments.contains(name) || schema.arguments().containsKey(name)) continue;
                if (schema.blocks().containsKey(name)) {
                    add(attribute.at(), "`" + name + "` is a block of " + here + ": write " + name + " { ... }, not " + name + " = ...");
                } else {
                    add(attribute.at(), unknown(name, "an argument", here));
                }
            }
            Map<String, Integer> counted = new HashMap<>();
            for (Block block : written.blocks()) {
                boolean dynamic = block.type().equals("dynamic") && block.labels().size() == 1;
                String name = dynamic ? block.labels().get(0) : block.type();
                present.add(name);
                if (top && !dynamic && metaBlocks.contains(name)) continue;
                NestedBlock nested = schema.blocks().get(name);
                if (nested == null) {
                    if (schema.arguments().containsKey(name)) {
                        add(block.at(), "`" + name + "` is an argument of " + here + ", not a block: write " + name + " = ...");
                    } else {
                        add(block.at(), unknown(name, "a block", here));
                    }
                    continue;
                }
                List<String> inner = new ArrayList<>(path);
                inner.add(name);
                if (dynamic) {
                    block.blocks("content").forEach(content -> check(content, nested.block(), inner));
                } else {
                    if (counted.merge(name, 1, Integer::sum) == 2 && nested.maxOne()) {
                        add(block.at(), "`" + name + "` is allowed once in " + here + ", and this is the second");
                    }
                    check(block, nested.block(), inner);
                }
            }
            schema.arguments().forEach((name, argument) -> {
                if (argument.required() && !present.contains(name)) {
                    add(written.at(), "`" + name + "` is required in " + here + " and not set");
                }
            });
            schema.blocks().forEach((name, nested) -> {
                if (nested.required() && !present.contains(name)) {
                    add(written.at(), "a `" + name + "` block is required in " + here + " and there is none");
                }
            });
        }

        /**
         * A name not valid where it is written, said with where it is valid in the same type when
         * it is: "`filter` is a block of `rule`, not of aws_s3_bucket_lifecycle_configuration".
         */
        private String unknown(String name, String kind, String here) {
            List<String> places = new ArrayList<>();
            find(root, new ArrayList<>(), name, places);
            String of = here.equals(type) ? type : here + " of " + type;
            return places.isEmpty()
                    ? "`" + name + "` is not " + kind + " of " + of
                    : "`" + name + "` is " + String.join(" and ", places) + ", not of " + of;
        }

        private void find(BlockSchema block, List<String> path, String name, List<String> places) {
            String of = path.isEmpty() ? type : "`" + String.join(".", path) + "`";
            if (block.arguments().containsKey(name)) places.add("an argument of " + of);
            if (block.blocks().containsKey(name)) places.add("a block of " + of);
            block.blocks().forEach((inner, nested) -> {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(inner);
                find(nested.block(), deeper, name, places);
            });
        }

        private void add(SourceLine at, String message) {
            findings.add(new Finding(at, address + ": " + message));
        }
    }

    private void references(Attribute attribute, Map<String, Declared> declared, List<Finding> findings) {
        for (Reference ref : References.in(attribute)) {
            Declared target = declared.get(ref.address());
            if (target == null) {
                findings.add(new Finding(ref.at(), ref + ": " + ref.address() + " is not declared in terraform/"));
                continue;
            }
            if (ref.attribute() == null) continue; // depends_on, for_each over a resource: no attribute read
            if (target.indexed() != (ref.index() != null)) {
                findings.add(new Finding(ref.at(), ref + ": " + ref.address() + (target.indexed()
                        ? " has count or for_each: read one instance, " + ref.address() + "[...]." + ref.attribute()
                        : " has neither count nor for_each: write " + ref.address() + "." + ref.attribute())));
            }
            Optional<BlockSchema> type = ref.data() ? schema.dataSource(ref.type()) : schema.resource(ref.type());
            if (type.isPresent() && !type.get().attributes().contains(ref.attribute())) {
                findings.add(new Finding(ref.at(), ref + ": " + ref.type() + " has no attribute `" + ref.attribute() + "`"));
            }
        }
    }

    /** versions.tf's {@code required_providers} entry for aws admits the schema's version. */
    private void providerVersion(List<Block> all, List<Finding> findings) {
        List<Attribute> entries = all.stream().filter(b -> b.type().equals("terraform"))
                .flatMap(b -> b.blocks("required_providers").stream())
                .flatMap(b -> b.attribute("aws").stream()).toList();
        SourceLine terraformBlock = all.stream().filter(b -> b.type().equals("terraform")).map(Block::at).findFirst()
                .orElse(new SourceLine("versions.tf", 1));
        if (entries.isEmpty()) {
            findings.add(new Finding(terraformBlock, "required_providers has no aws entry: the provider's version is not pinned"));
            return;
        }
        for (Attribute aws : entries) {
            Matcher source = AWS_SOURCE.matcher(aws.expression());
            if (source.find() && !source.group(1).equals("hashicorp/aws") && !source.group(1).equals("registry.terraform.io/hashicorp/aws")) {
                findings.add(new Finding(aws.lineOf(source.group()), "the aws provider's source is \"" + source.group(1)
                        + "\", not hashicorp/aws, whose schema this check reads"));
            }
            Matcher m = AWS_VERSION.matcher(aws.expression());
            if (!m.find()) {
                findings.add(new Finding(aws.at(), "the aws provider has no version constraint"));
                continue;
            }
            SourceLine at = aws.lineOf(m.group());
            try {
                if (!VersionConstraint.parse(m.group(1)).admits(schema.version())) {
                    findings.add(new Finding(at, "the aws provider constraint \"" + m.group(1) + "\" excludes " + schema.version()
                            + ", the version whose schema this check reads (" + schema.packageName() + ")"));
                }
            } catch (IllegalArgumentException e) {
                findings.add(new Finding(at, "the aws provider constraint \"" + m.group(1) + "\" cannot be read: " + e.getMessage()));
            }
        }
    }
}
