"""Demo: the resources library with two reports (placeholder PDF files made here).

Facts (titles, publishers, dates, figures) come from the reports; the summaries are our own.
"""

from django.core.files.base import ContentFile

from resources.models import ResourceIndexPage, ResourcePage
from resources.pdf import placeholder_pdf
from website.demo import upsert_child
from website.models import CustomDocument


def upsert_document(*, title, filename, language, year, publisher, lines):
    """A demo document found by its title; its file is made once."""
    document = CustomDocument.objects.filter(title=title).first()
    if document is None:
        document = CustomDocument(title=title)
        document.file.save(filename, ContentFile(placeholder_pdf(lines)), save=False)
    document.language = language
    document.year = year
    document.publisher = publisher
    document.save()
    if not document.file_size:
        document.get_file_size()
    return document


def load(home, stdout):
    library = upsert_child(
        home,
        ResourceIndexPage,
        "burime",
        title_sq="Burime",
        title_en="Resources",
        slug_en="resources",
        show_in_menus=True,
        intro_sq="Raporte dhe botime mbi trafikimin e qenieve njerëzore në Shqipëri, për t'u lexuar dhe shkarkuar.",
        intro_en="Reports and publications on human trafficking in Albania, to read and download.",
    )

    report_2014 = upsert_document(
        title="National anti-trafficking report 2014",
        filename="national-anti-trafficking-report-2014.pdf",
        language="en",
        year=2014,
        publisher="Office of the National Anti-Trafficking Coordinator, Ministry of Internal Affairs",
        lines=["National anti-trafficking report 2014", "Placeholder file for the demo site."],
    )
    upsert_child(
        library,
        ResourcePage,
        "raporti-kombetar-kunder-trafikimit-2014",
        title_sq="Raporti kombëtar kundër trafikimit, 2014",
        title_en="National anti-trafficking report, 2014",
        slug_en="national-anti-trafficking-report-2014",
        document=report_2014,
        summary_sq=(
            "Zyra e Koordinatorit Kombëtar kundër trafikimit pranë Ministrisë së Punëve të "
            "Brendshme përmbledh punën e vitit 2014 sipas katër shtyllave të strategjisë: ndjekja "
            "penale; mbrojtja; ndihma për viktimat; parandalimi dhe bashkërendimi. Raporti shënon "
            "daljen e Shqipërisë nga lista e vëzhgimit në raportin e Departamentit të Shtetit të "
            "SHBA-së (qershor 2014) dhe strategjinë e re të miratuar më 26 nëntor 2014."
        ),
        summary_en=(
            "The Office of the National Anti-Trafficking Coordinator at the Ministry of Internal "
            "Affairs sums up the work of 2014 along the four pillars of the strategy: prosecution, "
            "protection, assistance to victims, and prevention and coordination. It notes "
            "Albania's move off the watch list in the US State Department's June 2014 report and "
            "the new strategy approved on 26 November 2014."
        ),
    )

    report_2022 = upsert_document(
        title="Report of a fact-finding mission: Albania, human trafficking (2022)",
        filename="fact-finding-mission-albania-human-trafficking-2022.pdf",
        language="en",
        year=2022,
        publisher="UK Home Office",
        lines=[
            "Report of a fact-finding mission",
            "Albania: human trafficking (2022)",
            "Placeholder file for the demo site.",
        ],
    )
    upsert_child(
        library,
        ResourcePage,
        "misioni-i-verifikimit-ne-terren-2022",
        title_sq="Raport i një misioni verifikimi në terren: Shqipëria dhe trafikimi, 2022",
        title_en="Report of a fact-finding mission: Albania and human trafficking, 2022",
        slug_en="fact-finding-mission-2022",
        document=report_2022,
        summary_sq=(
            "Tre zyrtarë të Ministrisë së Brendshme të Mbretërisë së Bashkuar takuan në Tiranë "
            "dhe në Kukës, nga 5 deri më 12 tetor 2022, 26 burime: organizata që ndihmojnë "
            "viktimat, policinë, prokurorinë, ministri dhe bashki. Raporti, i botuar në dhjetor "
            "2022, mbledh shënimet e këtyre intervistave për trafikimin e burrave dhe grave dhe "
            "për gjendjen e nënave të vetme."
        ),
        summary_en=(
            "Three UK Home Office officials met 26 sources in Tirana and Kukës between 5 and 12 "
            "October 2022: organisations that support victims, the police, prosecutors, "
            "ministries and municipalities. Published in December 2022, the report gathers the "
            "notes of those interviews on the trafficking of men and women and on the situation "
            "of single mothers."
        ),
    )
    stdout.write("Resources: library with 2 reports.\n")
    return library
