package com.clientalbums.infra;

import com.clientalbums.infra.terraform.Block;
import com.clientalbums.infra.terraform.Terraform;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The album, user, user-album, share, favourite and selection-archive tables (terraform/dynamodb.tf). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TablesTest {

    private static final Terraform TF = Terraform.load();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "album,      ${var.project_name}-album,      album_id, ''",
            "user,       ${var.project_name}-user,       email,    ''",
            "user_album, ${var.project_name}-user-album, email,    album_id",
            "share,      ${var.project_name}-share,      album_id, share_id",
            "favourite,  ${var.project_name}-favourite,  album_id, person_id",
            "selection_archive, ${var.project_name}-selection-archive, album_id, ''",
    })
    void each_table_has_the_plans_name_and_keys(String table, String name, String hashKey, String rangeKey) {
        Block t = TF.resource("aws_dynamodb_table", table);
        assertEquals(name, t.string("name"));
        assertEquals(hashKey, t.string("hash_key"));
        if (rangeKey.isEmpty()) {
            assertFalse(t.has("range_key"), table + " has a sort key");
        } else {
            assertEquals(rangeKey, t.string("range_key"));
        }
        // Every key attribute is a string, and only keys, the table's and its indexes', are
        // declared (DynamoDB rejects others).
        Map<String, String> attributes = new LinkedHashMap<>();
        t.blocks("attribute").forEach(a -> attributes.put(a.string("name"), a.string("type")));
        Set<String> keys = new TreeSet<>(rangeKey.isEmpty() ? Set.of(hashKey) : Set.of(hashKey, rangeKey));
        for (Block index : t.blocks("global_secondary_index")) {
            keys.add(index.string("hash_key"));
            if (index.has("range_key")) keys.add(index.string("range_key"));
        }
        assertEquals(keys, new TreeSet<>(attributes.keySet()));
        attributes.values().forEach(type -> assertEquals("S", type));
    }

    @Test
    void an_albums_grants_can_be_listed_through_the_album_id_index() {
        Block index = TF.resource("aws_dynamodb_table", "user_album").block("global_secondary_index");
        assertEquals("album_id-index", index.string("name"));
        assertEquals("album_id", index.string("hash_key"));
        assertEquals("email", index.string("range_key"));
    }

    @Test
    void a_guests_token_finds_its_share_link_through_the_token_hash_index_which_holds_keys_only() {
        Block share = TF.resource("aws_dynamodb_table", "share");
        assertEquals(1, share.blocks("global_secondary_index").size());
        Block index = share.block("global_secondary_index");
        assertEquals("token_hash-index", index.string("name"));
        assertEquals("token_hash", index.string("hash_key"));
        assertFalse(index.has("range_key"), "a token's hash names one link");
        // The link is then read by its key: the index's eventually consistent copy never decides
        // whether a link is revoked, and holds no PIN hash or label.
        assertEquals("KEYS_ONLY", index.string("projection_type"));
    }

    @Test
    void tables_are_on_demand_with_point_in_time_recovery() {
        TF.resources("aws_dynamodb_table").forEach((name, t) -> {
            assertEquals("PAY_PER_REQUEST", t.string("billing_mode"), name);
            assertEquals("true", t.block("point_in_time_recovery").string("enabled"), name);
        });
    }

    @Test
    void tables_are_protected_from_deletion_in_production() {
        assertEquals("${var.stage == \"prod\"}", TF.local("is_production").asText());
        assertEquals("prod", TF.variableDefault("stage").asText(), "the safe default is production");
        TF.resources("aws_dynamodb_table").forEach((name, t) ->
                assertEquals("${local.is_production}", t.string("deletion_protection_enabled"), name));
    }

    @Test
    void a_favourites_archive_record_has_the_album_records_shape_so_the_generator_builds_it_as_an_album() {
        // One key, album_id (the album's id, '.', the selection's hash), and no index: the same
        // repository code reads and writes both tables.
        Block album = TF.resource("aws_dynamodb_table", "album");
        Block selection = TF.resource("aws_dynamodb_table", "selection_archive");
        assertEquals(album.string("hash_key"), selection.string("hash_key"));
        assertFalse(selection.has("range_key"), "a selection archive is one record, as an album is");
        assertEquals(album.blocks("global_secondary_index").size(), selection.blocks("global_secondary_index").size());
    }

    @Test
    void an_albums_favourites_are_one_query_on_the_favourite_tables_key_without_an_index() {
        // The studio lists an album's people by album_id; each person's change is one conditional
        // write on its own item (album_id, person_id), which an index would only make dearer.
        Block favourite = TF.resource("aws_dynamodb_table", "favourite");
        assertEquals("album_id", favourite.string("hash_key"));
        assertEquals("person_id", favourite.string("range_key"));
        assertEquals(0, favourite.blocks("global_secondary_index").size());
    }

    @Test
    void there_are_exactly_the_three_tables_of_the_plan_the_share_links_table_the_favourites_two_deliveries_and_mail() {
        assertEquals(Set.of("album", "user", "user_album", "share", "favourite", "selection_archive", "delivery", "mail"),
                TF.resources("aws_dynamodb_table").keySet());
    }
}
