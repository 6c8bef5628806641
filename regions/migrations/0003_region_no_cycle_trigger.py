from django.db import migrations

# A CheckConstraint sees one row only, so it can forbid a region being its own parent but not a
# longer loop (A inside B inside A). This trigger walks the parent chain on every insert or
# parent change. The advisory lock serialises hierarchy changes, so that two transactions cannot
# each add half of a loop unseen by the other.
CREATE = """
CREATE FUNCTION regions_region_no_cycle() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.parent_id IS NULL THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('regions_region_hierarchy'));
    IF NEW.parent_id = NEW.id OR EXISTS (
        WITH RECURSIVE chain(id, parent_id) AS (
            SELECT id, parent_id FROM regions_region WHERE id = NEW.parent_id
            UNION
            SELECT up.id, up.parent_id FROM regions_region up JOIN chain ON up.id = chain.parent_id
        )
        SELECT 1 FROM chain WHERE chain.id = NEW.id
    ) THEN
        RAISE EXCEPTION 'region % cannot lie inside itself: region % is one of its sub-regions',
            NEW.id, NEW.parent_id
            USING ERRCODE = 'integrity_constraint_violation',
                  CONSTRAINT = 'regions_region_no_cycle';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER regions_region_no_cycle
    BEFORE INSERT OR UPDATE OF parent_id ON regions_region
    FOR EACH ROW EXECUTE FUNCTION regions_region_no_cycle();
"""

DROP = """
DROP TRIGGER IF EXISTS regions_region_no_cycle ON regions_region;
DROP FUNCTION IF EXISTS regions_region_no_cycle();
"""


class Migration(migrations.Migration):
    dependencies = [("regions", "0002_constraints_and_qualifier")]

    operations = [migrations.RunSQL(CREATE, DROP)]
