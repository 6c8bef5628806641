"""The database keeps issued invoices as they were sent.

An UPDATE may move the payment state, the reminder time, the region and the creator, and
fill the documents once (they are rendered right after the number is taken, in the same
transaction). Any other change, and any DELETE of an invoice or a line, is refused with an
integrity error. Only a maintenance session that says so (SET LOCAL billing.allow_delete =
'on', used by the demo loader's reset) may delete.
"""

from django.db import migrations

from billing.models import Invoice

COLUMNS = [column for column in Invoice.ISSUED_FIELDS if not column.endswith("_document")]
FROZEN = ", ".join(f"NEW.{column}" for column in COLUMNS)
WAS = ", ".join(f"OLD.{column}" for column in COLUMNS)

FORWARD = f"""
CREATE FUNCTION billing_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF coalesce(current_setting('billing.allow_delete', true), '') = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'An issued invoice is never deleted: cancel it by a credit note.'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF TG_TABLE_NAME = 'billing_invoiceline' THEN
        RAISE EXCEPTION 'The lines of an issued invoice never change.'
            USING ERRCODE = 'restrict_violation';
    END IF;
    IF ROW({FROZEN}) IS DISTINCT FROM ROW({WAS})
       OR (length(OLD.pdf_document) > 0 AND NEW.pdf_document IS DISTINCT FROM OLD.pdf_document)
       OR (length(OLD.xml_document) > 0 AND NEW.xml_document IS DISTINCT FROM OLD.xml_document)
    THEN
        RAISE EXCEPTION 'An issued invoice never changes: cancel it by a credit note.'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER billing_invoice_never_changes
    BEFORE UPDATE OR DELETE ON billing_invoice
    FOR EACH ROW EXECUTE FUNCTION billing_refuse_change();
CREATE TRIGGER billing_invoiceline_never_changes
    BEFORE UPDATE OR DELETE ON billing_invoiceline
    FOR EACH ROW EXECUTE FUNCTION billing_refuse_change();
"""

BACKWARD = """
DROP TRIGGER billing_invoiceline_never_changes ON billing_invoiceline;
DROP TRIGGER billing_invoice_never_changes ON billing_invoice;
DROP FUNCTION billing_refuse_change();
"""


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
