"""Fourth held-out evaluation set written from published case reports (issue 12, "Evaluation").

It was the held-out set until it was measured once, blind, before any tuning on it (top-1 51.5%, top-3 72.1%, typing
88.2%, 6 harmful first answers, Brier 0.658); development material since. The final figures are reported on the fifth set
(tests/classifier/published_holdout5.py). When it was written, the first three sets (tests/classifier/published_cases.py,
published_holdout.py and published_holdout3.py) were development material; the third had been the held-out set until it
was measured once, blind, and handed to the knowledge engineers. It was written blind, before the classifier was run on
it, by a helper who read neither the knowledge files (only the list of diagnosis codes of the calcinosis-diagnosis
CodeSystem), the vignettes, docs/domain.md nor docs/classifier-evaluation.md, while the knowledge was being improved
elsewhere. Its rules are those of the second and third sets:

- one published case report or case-series patient per case, from publications cited in NONE of the other three sets
  (each candidate's identifiers, title and, for untitled teaching files, authors or case number were checked against the
  three files by a script answering only "collision"/"ok"; tests/classifier/test_published_sets.py keeps it so);
- only what the report states is recorded: ages, sex, sites, sizes, laboratory values with the units as the report writes
  them, values given only as "high"/"low"/"normal" as interpretations, missing values as missing. A report that gives no
  age or sex gives a Patient without birthDate or gender. When the report's own diagnosis asserts a laboratory state (a
  "hyperphosphatemic" tumoral calcinosis), that state is sent as an interpretation and the story says so;
- the pathologist's FINAL diagnostic histology is not sent (it is the answer the classifier is asked for); a preliminary
  or misleading histology reported during the work-up is sent;
- the work-up date is the year of the report (or of the case when given) and is approximate; birth dates are derived from
  the age at presentation. When a report describes several time points, the presentation is used;
- a case of tumour-like calcinosis in systemic sclerosis or dermatomyositis expects the typing "secondary";
- no case is changed after seeing the classifier's result (only clear transcription errors may be corrected, and the
  commit says so).

Most reports were read in the stored copy of their abstract, of the beginning of the case description or of a radiology
teaching file, so many cases are incomplete, as real referrals are. Case format: the compact dict of
tests/classifier/vignette_builder.py (see published_cases.py), with ``citation`` (authors, title, journal, year and, only
when seen in the stored copy, ``pmid``, ``doi`` or ``pmcid``; ``verified`` is True when at least one identifier was seen
there) and, where the typing is not derived from the expected diagnosis, ``expected_typing``.

``python -m tests.classifier.vignette_builder --published-holdout4`` writes tests/classifier/published_holdout4/*.json.
"""

from tests.classifier.published_holdout import NOT_RETRIEVED, born

CASES = [
    # ---------------------------------------------------------------- tumoral calcinosis
    {
        "id": "tc-tmj-juxta-articular-woman-59-bmc-oral-health-2019",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Juxta-articular tumoral calcinosis associated with the temporomandibular joint: a case report and concise review",
                     "journal": "BMC Oral Health", "year": 2019, "doi": "10.1186/s12903-019-0816-3", "verified": True},
        "story": "59-year-old woman with chronic right temporomandibular joint pain and a bony-hard pre-auricular swelling; normal range of "
                 "motion and mouth opening. CT: radio-opaque juxta-articular ovoid mass close to, but not fused with, the mandibular "
                 "condyle. Serum calcium and phosphate normal. The excision histology is not sent.",
        "birth": born(59, "2019-01-01"), "sex": "female", "date": "2019-01-01",
        "labs": {"calcium": "N", "phosphate": "N"},
        "lesions": [{"site": "head-face", "side": "right", "flags": {"painful": True, "bone-contact": False}}],
    },
    {
        "id": "uremic-buttock-subcutaneous-ulcerated-woman-65-hemodialysis-flap",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Huge lumbosacral tumoral calcinosis secondary to end-stage renal disease excised with flap reconstruction (exact title not retrieved)",
                     "journal": "not retrieved (stored copy on a mirror site)", "year": None, "verified": False},
        "story": "65-year-old woman on regular haemodialysis for 10 years for end-stage renal disease, with congestive heart failure, and a "
                 "progressive, firm, freely mobile, severely tender mass of the right buttock for a year (first a small painful nodule two "
                 "years earlier). An abscess was suspected and incision released a little whitish discharge. CT: solid calcified "
                 "subcutaneous mass of the right buttock, 34 mm, not connected with muscle or bone; later repeated skin erosion and a "
                 "5 x 8 cm multilobular yellowish mass protruding through the skin. No laboratory values in the stored part of the "
                 "report (work-up date approximate).",
        "birth": born(65, "2020-01-01"), "sex": "female", "date": "2020-01-01",
        "findings": {"dialysis": True, "dialysis-years": 10, "chronic-kidney-disease": True},
        "lesions": [{"site": "hip-gluteal", "side": "right", "size_cm": 8,
                     "flags": {"painful": True, "skin-ulceration": True, "subcutaneous": True, "bone-contact": False}}],
    },
    {
        "id": "uremic-cervicothoracic-spine-myelopathy-woman-29-hemodialysis-assr-2007",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Patel DG, Craig JG", "title": "Tumoral Calcinosis of the Cervical Spine Related to Chronic Renal Failure",
                     "journal": "American Society of Spine Radiology annual meeting abstract (theassr.org)", "year": 2007, "verified": False},
        "story": "29-year-old African American woman on haemodialysis for end-stage renal disease with progressively worsening, "
                 "debilitating back pain, upper-limb paraesthesiae and mild weakness of both arms; no trauma; midline tenderness at the "
                 "cervicothoracic junction. Radiographs/CT: calcified/ossified mass about the posterior elements and spinous processes "
                 "from C6 to T2, the C7 lamina, pedicles and spinous process expanded with a mixed sclerotic/lytic appearance and small "
                 "lytic areas in the T1 laminae; MRI: heterogeneous mass narrowing the canal from C6 to T1; thought to be tumour or "
                 "infection. No laboratory values in the abstract.",
        "birth": born(29, "2007-01-01"), "sex": "female", "date": "2007-01-01",
        "findings": {"dialysis": True, "chronic-kidney-disease": True, "trauma-at-site": False},
        "lesions": [{"site": "paravertebral", "flags": {"painful": True, "bone-contact": True, "bone-erosion": True}}],
    },
    {
        "id": "uremic-nuchal-calcinosis-tetraparesis-woman-46-capd-rheumatoid",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Davies M, Griffiths P, White P, Donovan K",
                     "title": "Tumour-like calcinosis causing reversible tetraparesis in a patient on continuous ambulatory peritoneal dialysis",
                     "journal": "not retrieved (nephrology dialysis journal; stored copy from a TREC collection)", "year": None,
                     "verified": False},
        "story": "46-year-old woman with severe deforming seropositive rheumatoid arthritis and end-stage renal failure treated by CAPD, "
                 "slowly losing mobility over 6 months; a month before admission a nuchal lump with dull neck ache, which vanished "
                 "suddenly 4 days before admission as neck pain worsened, upper-limb function deteriorated and she became numb to the "
                 "buttocks; near-complete tetraparesis with a C5 sensory level. No recent trauma. No laboratory values in the stored "
                 "part (work-up date approximate).",
        "birth": born(46, "2000-01-01"), "sex": "female", "date": "2000-01-01",
        "findings": {"dialysis": True, "chronic-kidney-disease": True, "trauma-at-site": False},
        "lesions": [{"site": "neck", "flags": {"painful": True}}],
    },
    {
        "id": "tc-idiopathic-bilateral-hips-man-26-sajcrr",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": NOT_RETRIEVED, "title": "Idiopathic tumoral calcinosis of both hip joints (exact title not retrieved)",
                     "journal": "South Asian Journal of Case Reports and Reviews (sajcrr.com, article 23376)", "year": None,
                     "verified": False},
        "story": "26-year-old man with pain and limited motion of the left hip and a palpable mass over both hips (left > right), "
                 "insidious and progressively enlarging for 6 years. The report calls it idiopathic tumoral calcinosis; laboratory "
                 "values are not in the stored part, so none is sent (work-up date approximate).",
        "birth": born(26, "2023-01-01"), "sex": "male", "date": "2023-01-01",
        "lesions": [{"site": "hip-gluteal", "side": "bilateral", "flags": {"painful": True}}],
    },
    {
        "id": "tc-prepatellar-woman-59-nigeria-ibom",
        "expected": "tc-primary-normophosphatemic",
        "citation": {"authors": "Dim EM, Ubaha A, Usendiah IB, Dim UME, Oforjigha-Dim CW, Essien U",
                     "title": "Prepatellar tumoral calcinosis mimicking soft tissue sarcoma: A case report and review of literature",
                     "journal": "Ibom Medical Journal", "year": None, "verified": False},
        "story": "59-year-old Nigerian woman with a progressive, painless anterior knee mass, suspected to be a soft-tissue sarcoma; the "
                 "report describes it as a calcified prepatellar bursitis / tumoral calcinosis. No laboratory values in the stored "
                 "part (work-up date approximate).",
        "birth": born(59, "2021-01-01"), "sex": "female", "date": "2021-01-01",
        "lesions": [{"site": "knee", "flags": {"painful": False}}],
    },
    {
        "id": "ssc-crest-cervical-spine-tumoral-calcinosis-bone-erosion",
        "expected": "systemic-sclerosis", "expected_typing": "secondary",
        "citation": {"authors": NOT_RETRIEVED, "title": "Tumoral calcinosis in the cervical spine in a patient with CREST syndrome: a case report",
                     "journal": "not retrieved (orthopaedic journal)", "year": None, "verified": False},
        "story": "Patient (age and sex not in the stored abstract) with CREST syndrome and tumoral calcinosis of the cervical spine: "
                 "rapidly progressive bone erosion and crystal deposition in the posterior elements and paraspinal tissues within one "
                 "year, mimicking a neoplasm or infection; an anomalous single vertebral artery on that side. Raynaud phenomenon and "
                 "sclerodactyly are sent because the report's diagnosis (CREST) asserts them (work-up date approximate).",
        "date": "2010-01-01",
        "findings": {"raynaud-phenomenon": True, "skin-sclerosis": True},
        "lesions": [{"site": "paravertebral", "flags": {"bone-erosion": True, "rapid-growth": True}}],
    },
    {
        "id": "uremic-shoulder-elbow-intraosseous-woman-55-girard-2009",
        "expected": "tc-secondary-uremic",
        "citation": {"authors": "Girard CJ, Wasserman PL, Lenchik L", "title": "Secondary Tumoral Calcinosis with Intraosseous Penetration",
                     "journal": "Radiology Case Reports 4:213", "year": 2009, "doi": "10.2484/rcr.v4i1.213", "verified": True},
        "story": "55-year-old woman with long-standing diabetes and end-stage renal disease, with soft-tissue masses around the right "
                 "shoulder and elbow for many years and two months of enlargement of the elbow mass. Radiographs, CT and MRI: lobulated "
                 "calcifications with layering 'milk of calcium' about the right shoulder and elbow, with cortical destruction and "
                 "intraosseous extension into the medullary space of the proximal humerus.",
        "birth": born(55, "2009-01-31"), "sex": "female", "date": "2009-01-31",
        "findings": {"chronic-kidney-disease": True},
        "lesions": [{"site": "elbow", "side": "right", "pattern": "lobulated-cloudlike",
                     "flags": {"fluid-calcium-level": True, "rapid-growth": True}},
                    {"site": "shoulder", "side": "right", "pattern": "lobulated-cloudlike",
                     "flags": {"fluid-calcium-level": True, "bone-contact": True, "bone-erosion": True}}],
    },
    # ---------------------------------------------------------------- malignancies
    {
        "id": "synovial-sarcoma-plantar-giant-recurrent-man-23-ijscr-2024",
        "expected": "synovial-sarcoma",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "A rare occurrence of a giant synovial sarcoma in the plantar region of the foot: A case report",
                     "journal": "International Journal of Surgery Case Reports 115:109268", "year": 2024, "verified": False},
        "story": "23-year-old man, a chronic smoker, with a 5-year history of a mass in the plantar region of the right foot that recurred "
                 "two years after an excision biopsy and impaired walking. Imaging: a 'cloud-like' soft-tissue mass (mineralisation not "
                 "otherwise described, so no pattern is sent). The histology of the excision biopsy is not given; the surgical biopsy "
                 "histology is the diagnosis and is not sent.",
        "birth": born(23, "2024-01-01"), "sex": "male", "date": "2024-01-01",
        "findings": {"recurrence-after-excision": True},
        "lesions": [{"site": "foot", "side": "right"}],
    },
    {
        "id": "askin-chest-wall-boy-9-recurrent-lymphoma-label-medpapers",
        "expected": "askin-tumor",
        "citation": {"authors": NOT_RETRIEVED, "title": "Askin tumor: 1 case report",
                     "journal": "medpapers.wordpress.com (translated case report; original journal not retrieved)", "year": 2013,
                     "verified": False},
        "story": "9-year-old boy admitted in 2007 for a presumed recurrence of a right chest-wall 'lymphoma': a year earlier a mediastinal "
                 "mass had been resected and reported as lymphoma (a misleading preliminary histology with no code, so told here only). "
                 "Right anterior chest wall swelling 7 x 8 cm, painful, slightly fluctuant; temperature 37.1 C. CT: two right anterior "
                 "chest-wall masses (6.5 x 6 x 5 cm and 3 x 3 x 2 cm); at surgery the second rib showed moth-eaten infiltration. The "
                 "frozen-section and final histology are the diagnosis and are not sent.",
        "birth": born(9, "2007-01-15"), "sex": "male", "date": "2007-01-15",
        "findings": {"fever": False, "recurrence-after-excision": True},
        "lesions": [{"site": "chest-wall", "side": "right", "size_cm": 6.5, "flags": {"painful": True, "bone-erosion": True}}],
    },
    {
        "id": "askin-chest-wall-girl-10-after-leukaemia-radiopharmaconnect",
        "expected": "askin-tumor",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Askin tumor as a secondary malignancy after childhood acute lymphoblastic leukemia",
                     "journal": "radiopharmaconnect.srsweb.org (case report; journal not retrieved)", "year": None, "verified": False},
        "story": "10-year-old girl treated for acute lymphoblastic leukaemia seven years earlier; her family noticed a mass on the left "
                 "chest wall. The tru-cut needle biopsy histology and genetics are the diagnosis and are not sent (work-up date "
                 "approximate).",
        "birth": born(10, "2020-01-01"), "sex": "female", "date": "2020-01-01",
        "findings": {"known-malignancy": True},
        "lesions": [{"site": "chest-wall", "side": "left"}],
    },
    {
        "id": "ewing-soft-tissue-neck-girl-7-wjcc-2022",
        "expected": "ewing-sarcoma-soft-tissue",
        "citation": {"authors": "Chen ZH, Guo HQ, Chen JJ, Zhang Y, Zhao L",
                     "title": "Imaging-based diagnosis for extraskeletal Ewing sarcoma in pediatrics: A case report",
                     "journal": "World J Clin Cases 10(19):6595-6601", "year": 2022, "doi": "10.12998/wjcc.v10.i19.6595",
                     "verified": True},
        "story": "7-year-old girl with a palpable right neck mass and five months of periodic dyspnoea and nocturnal obstruction, treated "
                 "as bronchitis without effect; no fever, headache, trauma or skin redness. No laboratory values or mineralisation "
                 "given in the stored part of the report.",
        "birth": born(7, "2022-01-01"), "sex": "female", "date": "2022-01-01",
        "findings": {"fever": False, "trauma-at-site": False},
        "lesions": [{"site": "neck", "side": "right"}],
    },
    {
        "id": "extraskeletal-myxoid-chondrosarcoma-calf-man-42-thieme-2009",
        "expected": "extraskeletal-chondrosarcoma",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Extra-skeletal myxoid chondrosarcoma of the calf: management of an extraordinary case (exact title not retrieved)",
                     "journal": "Georg Thieme Verlag journal (not retrieved)", "year": 2009, "pmid": "19890812", "verified": True},
        "story": "42-year-old man with progressive swelling of the left calf and a diagnostic delay of 1.5 years; MRI: soft-tissue tumour "
                 "in the proximal part of the calf muscle; resected tumour 11.5 x 9.5 x 8 cm. Mineralisation not described. The "
                 "percutaneous biopsy ('chondrosarcoma') and resection histology are the diagnosis and are not sent.",
        "birth": born(42, "2009-01-01"), "sex": "male", "date": "2009-01-01",
        "lesions": [{"site": "leg", "side": "left", "size_cm": 11.5, "flags": {"intramuscular": True}}],
    },
    {
        "id": "synovial-sarcoma-knee-intra-articular-boy-4-al-mohrej-2020",
        "expected": "synovial-sarcoma",
        "citation": {"authors": "Al-Mohrej OA, Al-Jarallah SA, Al-Dakhil Allah HH, Pant R, Al-Zayed ZS",
                     "title": "Synovial sarcoma presenting as an intra-articular mass in a pediatric patient: a case report",
                     "journal": "BMC Musculoskeletal Disorders", "year": 2020, "doi": "10.1186/s12891-020-03312-3", "verified": True},
        "story": "4-year-old boy with left knee pain and limited knee flexion, first diagnosed with osteochondromatosis and operated; the "
                 "first histopathology of the excised nodule read fibrous histiocytoma (a misleading preliminary histology with no code, "
                 "told here only). Review at a referral centre of the same slides is the diagnosis and is not sent.",
        "birth": born(4, "2020-01-01"), "sex": "male", "date": "2020-01-01",
        "lesions": [{"site": "knee", "side": "left", "flags": {"painful": True, "intra-articular": True}}],
    },
    {
        "id": "extraskeletal-osteosarcoma-buttock-subcutaneous-small-woman-55-oonuma-2001",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": "Oonuma M, Hatori M, Hosaka M, Kokubun S", "title": "Extraskeletal osteosarcoma arising in the buttock",
                     "journal": "Upsala Journal of Medical Sciences (3):211-215", "year": 2001, "verified": False},
        "story": "55-year-old woman who noticed a small nodule in the right trochanteric region, removed under local anaesthesia at a "
                 "private clinic; at the wider excision an 8 x 10 mm subcutaneous mass without fascial invasion. Mineralisation not "
                 "described. The histology is the diagnosis and is not sent.",
        "birth": born(55, "2001-01-01"), "sex": "female", "date": "2001-01-01",
        "lesions": [{"site": "hip-gluteal", "side": "right", "size_mm": 10, "flags": {"subcutaneous": True}}],
    },
    {
        "id": "ewing-soft-tissue-hand-web-space-ulcerated-boy-17-saran-2019",
        "expected": "ewing-sarcoma-soft-tissue",
        "citation": {"authors": "Saran S, Kharbanda A, Malik S", "title": "Large extraskeletal ewing sarcoma of the hand: A rare entity",
                     "journal": "Ann Afr Med 18:177-179", "year": 2019, "doi": "10.4103/aam.aam_55_18", "verified": True},
        "story": "17-year-old boy with a huge right-hand mass first noticed 6 months earlier, slowly enlarging with ulceration of the "
                 "overlying skin; otherwise well. The mass filled the 4th web space, about 11 x 11 x 10 cm, surrounding the 5th digit. "
                 "Radiograph: lobulated soft-tissue mass without bone destruction; ultrasound: heteroechoic mass with internal "
                 "hyperechoic foci casting acoustic shadows (calcification) and increased vascularity; MRI: intensely enhancing mass "
                 "with necrotic foci. The excision histology is not sent.",
        "birth": born(17, "2019-01-01"), "sex": "male", "date": "2019-01-01",
        "lesions": [{"site": "hand", "side": "right", "size_cm": 11,
                     "flags": {"skin-ulceration": True, "bone-erosion": False}}],
    },
    {
        "id": "synovial-sarcoma-dorsal-hand-thought-ganglion-man-32-jmcr-2024",
        "expected": "synovial-sarcoma",
        "citation": {"authors": NOT_RETRIEVED, "title": "Synovial sarcoma of the dorsal aspect of the hand: a case report",
                     "journal": "J Med Case Rep 18(1):156", "year": 2024, "pmid": "38486309", "doi": "10.1186/s13256-024-04469-4",
                     "verified": True},
        "story": "32-year-old man with a lump on the dorsal ulnar side of the hand and wrist (the abstract says left, the case text "
                 "right, so no side is sent), first thought to be a ganglion cyst; it grew over two months of conservative treatment. "
                 "MRI then excisional biopsy, whose histology is the diagnosis and is not sent; marked regrowth while results were "
                 "awaited.",
        "birth": born(32, "2024-01-01"), "sex": "male", "date": "2024-01-01",
        "lesions": [{"site": "hand", "flags": {"rapid-growth": True}}],
    },
    {
        "id": "synovial-sarcoma-wrist-gynaecomastia-hcg-lung-metastases-man-radcr-2024",
        "expected": "synovial-sarcoma",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Unusual manifestation of synovial sarcoma: A rare case report with elevated beta-HCG level",
                     "journal": "Radiology Case Reports", "year": 2024, "pmcid": "PMC11445589", "doi": "10.1016/j.radcr.2024.07.178",
                     "verified": True},
        "story": "Middle-aged man (exact age not in the stored abstract) with dyspnoea, dry cough and chest pain, found to have a mass on "
                 "the ulnar side of the left wrist; gynaecomastia and raised beta-HCG; disseminated lung metastases. The wrist "
                 "histology is not sent.",
        "sex": "male", "date": "2024-01-01",
        "lesions": [{"site": "wrist", "side": "left"}],
    },
    {
        "id": "extraskeletal-osteosarcoma-neck-subcutaneous-man-81-mco-2018",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": "Zhang JS, Wen G, Liu Y, Wu ZH, Chen GD, Wang H, Zhou TC",
                     "title": "Extraskeletal osteosarcoma in right neck subcutaneous tissue: A case report of an extremely rare tumour",
                     "journal": "Mol Clin Oncol 9:149-154", "year": 2018, "doi": "10.3892/mco.2018.1655", "verified": True},
        "story": "81-year-old man with a primary extraskeletal osteosarcoma in the subcutaneous tissue of the right side of the neck, "
                 "treated several times by partial resection and once by radiotherapy; relapsing. Imaging and mineralisation not in "
                 "the stored abstract.",
        "birth": born(81, "2018-06-14"), "sex": "male", "date": "2018-06-14",
        "lesions": [{"site": "neck", "side": "right", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "extraskeletal-osteosarcoma-low-grade-chest-wall-huge-man-30-bmc-cancer-2010",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Low-grade extraskeletal osteosarcoma of the chest wall: case report and review of literature",
                     "journal": "BMC Cancer 10:645", "year": 2010, "verified": False},
        "story": "30-year-old man with a slowly growing soft-tissue mass of the left chest wall over 4 years, reaching a huge (30-cm) "
                 "calcified mass; first misdiagnosed, on radiology and histology, as myositis ossificans (that preliminary histology is "
                 "sent); the surgery was refused at first. The final diagnosis needed MDM2/CDK4 analysis and is not sent.",
        "birth": born(30, "2010-01-01"), "sex": "male", "date": "2010-01-01",
        "lesions": [{"site": "chest-wall", "side": "left", "size_cm": 30}],
        "histology": "zonal-mature-bone",
    },
    {
        "id": "extraskeletal-osteosarcoma-pectoralis-after-breast-radiotherapy-orta-2006",
        "expected": "extraskeletal-osteosarcoma",
        "citation": {"authors": "Orta L, Suprun U, Goldfarb A, Bleiweiss I, Jaffer S",
                     "title": "Radiation-associated extraskeletal osteosarcoma of the chest wall",
                     "journal": "Arch Pathol Lab Med 130(2):198-200", "year": 2006, "verified": False},
        "story": "Woman (age not in the stored abstract) treated with radiotherapy for breast cancer who developed an extraskeletal "
                 "osteosarcoma in the pectoralis major muscle. Imaging not described in the stored abstract.",
        "sex": "female", "date": "2006-02-01",
        "findings": {"known-malignancy": True},
        "lesions": [{"site": "chest-wall", "flags": {"intramuscular": True}}],
    },
    # ---------------------------------------------------------------- myositis ossificans, calcific myonecrosis
    {
        "id": "myositis-ossificans-adductor-boy-10-radiopaedia-haghighi",
        "expected": "myositis-ossificans",
        "citation": {"authors": "Haghighi S (case contributor)", "title": "Myositis ossificans (Radiopaedia case, adductor group, 10-year-old boy)",
                     "journal": "Radiopaedia.org", "year": None, "verified": False},
        "story": "10-year-old boy with recent trauma. Radiograph: well-circumscribed peripherally calcified lesion in the medial left "
                 "thigh, separate from the pubis and ischium; MRI: oval mass in the adductor muscles with marked surrounding oedema, "
                 "a peripheral low-signal rim and heterogeneous enhancement; no bone remodelling or destruction (work-up date "
                 "approximate).",
        "birth": born(10, "2020-01-01"), "sex": "male", "date": "2020-01-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "thigh", "side": "left", "pattern": "zonal-peripheral",
                     "flags": {"intramuscular": True, "bone-contact": False, "bone-erosion": False}}],
    },
    {
        "id": "myositis-ossificans-rectus-femoris-man-70-radiopaedia-obaid",
        "expected": "myositis-ossificans",
        "citation": {"authors": "Obaid AA (case contributor)", "title": "Myositis ossificans of rectus femoris",
                     "journal": "Radiopaedia.org", "year": None, "verified": False},
        "story": "70-year-old man with a lump of the left lateral upper thigh, slightly painful and tender, four weeks after trauma. "
                 "Radiograph: faint nodular, incomplete ring-like calcifications with central lucency and no osseous connection to "
                 "the iliac bone; ultrasound: intramuscular 6 x 5 x 3 cm mass with peripheral discontinuous curvilinear calcification "
                 "and central cystic change; CT: peripheral eggshell calcification with rim enhancement (work-up date approximate).",
        "birth": born(70, "2020-01-01"), "sex": "male", "date": "2020-01-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "thigh", "side": "left", "size_cm": 6, "pattern": "zonal-peripheral",
                     "flags": {"painful": True, "intramuscular": True, "bone-contact": False}}],
    },
    {
        "id": "myositis-ossificans-nontraumatic-posterior-thigh-woman-75-annali",
        "expected": "myositis-ossificans",
        "citation": {"authors": NOT_RETRIEVED, "title": "Non-traumatic myositis ossificans of the thigh. A case report",
                     "journal": "Annali Italiani di Chirurgia", "year": None, "verified": False},
        "story": "75-year-old woman with a localised swelling of the posterior thigh compartment; MRI: a calcification in the biceps "
                 "femoris muscle. No trauma, family history or associated anomaly. 'Laboratory test results were within the normal "
                 "range' (which tests is not said, so none is sent). The excision histology is not sent (work-up date approximate).",
        "birth": born(75, "2020-01-01"), "sex": "female", "date": "2020-01-01",
        "findings": {"trauma-at-site": False, "family-history-calcinosis": False},
        "lesions": [{"site": "thigh", "flags": {"intramuscular": True}}],
    },
    {
        "id": "calcific-myonecrosis-leg-man-45-biopsy-mo-jojs-2023",
        "expected": "calcific-myonecrosis",
        "citation": {"authors": NOT_RETRIEVED, "title": "A Case of Calcific Myonecrosis: A Rare Clinical Presentation",
                     "journal": "Journal of Orthopaedics and Joint Surgery (jojs.in)", "year": 2023, "doi": "10.5005/jojs-10079-1113",
                     "verified": True},
        "story": "45-year-old man with six months of right leg pain and swelling, trauma one year earlier, no constitutional symptoms. "
                 "Multilobulated, fluctuant, tender swelling over the mid-anterolateral leg; weak ankle dorsiflexion and foot "
                 "eversion, slowed superficial and deep peroneal nerve conduction. Radiograph: homogeneous radio-opaque lesion over the "
                 "anterior and lateral leg; MRI read as myositis ossificans of the lateral and anterior compartments. Calcium, "
                 "phosphorus and alkaline phosphatase normal. The tru-cut biopsy was reported as myositis ossificans (a misleading "
                 "preliminary histology, sent); the excision histology is not sent.",
        "birth": born(45, "2023-01-01"), "sex": "male", "date": "2023-01-01",
        "labs": {"calcium": "N", "phosphate": "N", "alp": "N"},
        "findings": {"trauma-at-site": True, "weight-loss": False},
        "lesions": [{"site": "leg", "side": "right", "flags": {"painful": True, "intramuscular": True}}],
        "histology": "zonal-mature-bone",
    },
    {
        "id": "calcific-myonecrosis-leg-fungating-man-74-jain-2022",
        "expected": "calcific-myonecrosis",
        "citation": {"authors": "Jain A, Sahu AK, Kulkarni SB, Tiwari A", "title": "Calcific Myonecrosis: Solving the Diagnostic Dilemma",
                     "journal": "Indian J Orthop 56:1474-1477", "year": 2022, "pmid": "35928654", "pmcid": "PMC9283582",
                     "doi": "10.1007/s43465-022-00674-9", "verified": True},
        "story": "74-year-old man with a right leg mass enlarging for 2 years and suddenly over the last 2 months; fusiform swelling of "
                 "the lateral leg with fungating skin, scarring and serous discharge; ankle fixed in plantar flexion, clawed toes. "
                 "Femoral fracture 50 years earlier treated in plaster, followed by foot weakness; a distal femoral fracture plated 7 "
                 "years earlier (the trauma was of the thigh, not of the leg, so no trauma-at-site finding is sent). Radiograph: large "
                 "anterolateral soft-tissue mass eroding the fibula with extensive calcification; CT: mass of the anterior and lateral "
                 "compartments with flocculent peripheral calcification; MRI: 22 x 12 x 7 cm heterogeneously enhancing mass.",
        "birth": born(74, "2022-01-01"), "sex": "male", "date": "2022-01-01",
        "lesions": [{"site": "leg", "side": "right", "size_cm": 22,
                     "flags": {"skin-ulceration": True, "bone-erosion": True, "rapid-growth": True}}],
    },
    # ---------------------------------------------------------------- calciphylaxis
    {
        "id": "calciphylaxis-nonuremic-warfarin-legs-woman-50-practical-dermatology",
        "expected": "calciphylaxis",
        "citation": {"authors": NOT_RETRIEVED, "title": "Warfarin-Induced Nonuremic Calciphylaxis: A Case Study and Overview",
                     "journal": "Practical Dermatology (February 2023)", "year": 2023, "verified": False},
        "story": "50-year-old woman with atrial fibrillation, hypertension, myocardial infarction, heart failure and diabetes mellitus, on "
                 "warfarin, with a rash of both lower legs that began as dark spots two weeks after discharge from a heart-failure "
                 "admission; superimposed cellulitis. The report calls it nonuremic (normal kidney function), so chronic kidney disease "
                 "is sent as absent. The biopsy histology is not sent.",
        "birth": born(50, "2023-02-01"), "sex": "female", "date": "2023-02-01",
        "findings": {"warfarin-therapy": True, "chronic-kidney-disease": False},
        "lesions": [{"site": "leg", "side": "bilateral"}],
    },
    {
        "id": "calciphylaxis-nonuremic-warfarin-mimicking-vasculitis-woman-rheumatologist",
        "expected": "calciphylaxis",
        "citation": {"authors": NOT_RETRIEVED, "title": "Case Report: Warfarin-Induced Non-Uremic Calciphylaxis Mimicking Vasculitis",
                     "journal": "The Rheumatologist (the-rheumatologist.org)", "year": None, "verified": False},
        "story": "Woman (age on a page not stored) on warfarin, prednisone for temporal arteritis diagnosed six months earlier, "
                 "atorvastatin, quinapril, metoprolol and vitamin D, with no history of renal disease or malignancy. Patches of retiform "
                 "purpura and small necrotic papules on the lateral calves and medial shins, bilaterally, suspected as vasculitis. "
                 "Negative ANA, ANCA, antiphospholipid antibodies, ENA and rheumatoid factor; normal complements; CRP 3.30 mg/dL "
                 "(normal 0.00-0.90); ESR 10 mm/hr. Several skin biopsies were non-diagnostic (not sent). Work-up date approximate.",
        "sex": "female", "date": "2018-01-01",
        "labs": {"crp": (3.30, "mg/dL", (0.00, 0.90))},
        "findings": {"warfarin-therapy": True, "retiform-purpura": True, "chronic-kidney-disease": False, "ana-positive": False,
                     "known-malignancy": False},
        "lesions": [{"site": "leg", "side": "bilateral", "flags": {"skin-ulceration": True}}],
    },
    {
        "id": "calciphylaxis-warfarin-hypercalcaemia-legs-man-19-huang-2013",
        "expected": "calciphylaxis",
        "citation": {"authors": "Huang YC, Chou CY, Sue YM, Hu CH", "title": "Warfarin-induced calciphylaxis in a chronic hypercalcemic patient",
                     "journal": "Indian J Dermatol Venereol Leprol 79:135", "year": 2013, "verified": False},
        "story": "19-year-old man with a year of persistent hypercalcaemia of unknown cause and chronic renal insufficiency, given warfarin "
                 "after bilateral iliac vein stenting; a month later progressive painful necrotic ulcers of both legs, extensive after "
                 "4 months. Creatinine 2.1 mg/dL, calcium 12.9 mg/dL, phosphate 4 mg/dL (normal), intact PTH 6.32 ng/L (decreased); "
                 "bilateral renal stones; ANA, rheumatoid factor, ANCA, antiphospholipid antibodies and cryoglobulin negative.",
        "birth": born(19, "2013-01-01"), "sex": "male", "date": "2013-01-01",
        "labs": {"creatinine": (2.1, "mg/dL"), "calcium": (12.9, "mg/dL"), "phosphate": (4, "mg/dL"), "pth": (6.32, "ng/L")},
        "findings": {"warfarin-therapy": True, "chronic-kidney-disease": True, "ana-positive": False},
        "lesions": [{"site": "leg", "side": "bilateral", "flags": {"painful": True, "skin-ulceration": True}}],
    },
    # ---------------------------------------------------------------- synovial chondromatosis
    {
        "id": "synovial-chondromatosis-hip-giant-woman-65-pai-2022",
        "expected": "synovial-chondromatosis",
        "citation": {"authors": "Pai SN, Kumar MM", "title": "Giant synovial chondromatosis of hip", "journal": "BMJ Case Rep 15(1):e246039",
                     "year": 2022, "pmid": "35064037", "pmcid": "PMC8785164", "doi": "10.1136/bcr-2021-246039", "verified": True},
        "story": "65-year-old woman with right hip pain for 6 years; a swelling palpable at the base of Scarpa's triangle and restricted hip "
                 "movement. Imaging: ossified nodules in the antero-inferior hip joint, joint effusion and arthritic change; at surgery "
                 "osteochondral loose bodies, five of about 2 x 2 cm. The synovectomy histology is not sent.",
        "birth": born(65, "2022-01-01"), "sex": "female", "date": "2022-01-01",
        "lesions": [{"site": "hip-gluteal", "side": "right", "size_cm": 2, "flags": {"painful": True, "intra-articular": True}}],
    },
    {
        "id": "synovial-chondromatosis-ankles-bilateral-man-26-shearer",
        "expected": "synovial-chondromatosis",
        "citation": {"authors": "Shearer H, Stern P, Brubacher A, Pringle T",
                     "title": "A case report of bilateral synovial chondromatosis of the ankle", "journal": "Chiropractic & Osteopathy",
                     "year": None, "verified": False},
        "story": "26-year-old man with chronic bilateral ankle pain; examination suggested and imaging confirmed multiple synovial "
                 "chondromatoses of both ankles, thought secondary to previous trauma. No surgery, so no histology (work-up date "
                 "approximate).",
        "birth": born(26, "2008-01-01"), "sex": "male", "date": "2008-01-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "ankle", "side": "bilateral", "flags": {"painful": True, "intra-articular": True}}],
    },
    {
        "id": "synovial-chondromatosis-knee-after-fall-woman-60-bhowmik-2020",
        "expected": "synovial-chondromatosis",
        "citation": {"authors": "Bhowmik R, Reddy N, Srinivasan N", "title": "Synovial chondromatosis: a rare cause of pain and swelling",
                     "journal": "Int J Res Orthop 6(6):1346-1349", "year": 2020,
                     "doi": "10.18203/issn.2455-4510.IntJResOrthop20204611", "verified": True},
        "story": "60-year-old woman, a housewife, with pain, swelling and restricted movement of the right knee for a year after a fall at "
                 "home, treated with NSAIDs. Radiograph: multiple calcified loose bodies in the knee. The synovectomy histology is not "
                 "sent.",
        "birth": born(60, "2020-01-01"), "sex": "female", "date": "2020-01-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "knee", "side": "right", "pattern": "punctate", "flags": {"painful": True, "intra-articular": True}}],
    },
    # ---------------------------------------------------------------- heterotopic ossification
    {
        "id": "fop-nape-lumbar-boy-3-acvr1-r206h-vietnam",
        "expected": "fibrodysplasia-ossificans-progressiva",
        "citation": {"authors": NOT_RETRIEVED, "title": "Fibrodysplasia ossificans progressive: A case report and literature review",
                     "journal": "Tap chi Nghien cuu Y hoc (Journal of Medical Research, Vietnam), article 39", "year": None,
                     "verified": False},
        "story": "3.5-year-old boy with 'tumours' of the nape and lumbar region and abdominal swelling, without fever or marked "
                 "inflammation; both great toes abnormally short and curved inwards. After excision of a tumour the site became a firm "
                 "fibrotic scar. Blood counts, biochemistry, calcium and vitamin D normal. Radiographs: scoliosis and abnormal bone "
                 "growth. Excision histology: fat, collagen bundles, fibroblasts and several ossified areas (no code fits, so told "
                 "here only). Heterozygous pathogenic ACVR1 c.617G>A (p.Arg206His) (work-up date approximate).",
        "birth": born(3.5, "2023-01-01"), "sex": "male", "date": "2023-01-01",
        "labs": {"calcium": "N", "vitd": "N"},
        "findings": {"great-toe-malformation": True, "fever": False},
        "lesions": [{"site": "neck"}, {"site": "paravertebral"}],
        "genetics": [{"gene": "ACVR1", "present": True, "significance": "pathogenic"}],
    },
    {
        "id": "neurogenic-ho-hips-knees-man-33-t12-fracture-cureus-2019",
        "expected": "neurogenic-heterotopic-ossification",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Polyarticular Neurogenic Heterotopic Ossification in a Spinal Cord Injury: A Case Report from Saudi Arabia",
                     "journal": "Cureus", "year": 2019, "doi": "10.7759/cureus.4019", "verified": True},
        "story": "33-year-old man with a spinal cord injury from a T12 burst fracture who developed heterotopic ossification around both hips "
                 "and both knees; Tc-99m MDP bone scintigraphy showed immature ossification around both knees and hips. Treated "
                 "conservatively with indomethacin (stored copy: a summary of the report).",
        "birth": born(33, "2019-02-05"), "sex": "male", "date": "2019-02-05",
        "findings": {"neurological-injury": True},
        "lesions": [{"site": "hip-gluteal", "side": "bilateral"}, {"site": "knee", "side": "bilateral"}],
    },
    {
        "id": "poh-face-waist-knee-girl-9-am-j-transl-res-2021",
        "expected": "progressive-osseous-heteroplasia",
        "citation": {"authors": NOT_RETRIEVED, "title": "Progressive osseous heteroplasia: a case report and literature review",
                     "journal": "Am J Transl Res 13(12):14109-14114", "year": 2021, "pmid": "35035755", "verified": True},
        "story": "9-year-old girl, no relevant family history, with slowly developing ossification of the skin and subcutaneous tissue of "
                 "the right face extending to the right waist, back and right knee, the limbs of one side gradually invaded; limited "
                 "movement of head, neck and left shoulder, difficulty opening the mouth; a toe deformity; delayed development and "
                 "language; no apparent endocrine disorder. Calcium, phosphorus and alkaline phosphatase normal; DNA sequencing "
                 "negative (gene not named, so no genetic result is sent).",
        "birth": born(9, "2021-06-01"), "sex": "female", "date": "2021-06-01",
        "labs": {"calcium": "N", "phosphate": "N", "alp": "N"},
        "findings": {"cutaneous-ossification": True, "family-history-calcinosis": False},
        "lesions": [{"site": "head-face", "side": "right", "flags": {"subcutaneous": True}},
                    {"site": "paravertebral", "side": "right", "flags": {"subcutaneous": True}},
                    {"site": "knee", "side": "right", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "poh-heel-girl-7-gnas-father-affected-bone-abstracts-2013",
        "expected": "progressive-osseous-heteroplasia",
        "citation": {"authors": "Schrander DE, Welting TJ, Schrander JJP, van Rhijn LW, Korver-Keularts I, Schrander-Stumpel CTRM",
                     "title": "An unusual presentation of progressive osseous heteroplasia in a 7-year-old female child",
                     "journal": "Bone Abstracts 2:P185", "year": 2013, "doi": "10.1530/boneabs.2.P185", "verified": True},
        "story": "7-year-old girl with a painful swelling of the left heel and mechanical complaints; no congenital hallux valgus. Her "
                 "father has subcutaneous ossifications of the left upper arm, right thorax and right ankle. Radiographs: ossified "
                 "subcutaneous plaques on the left heel, thoracic spine and both scapulae. Blood tests showed no "
                 "pseudohypoparathyroidism (values not given). Heterozygous GNAS c.565_588del (significance not stated). The "
                 "histology (chondrocyte clusters) is the diagnostic material and is not sent.",
        "birth": born(7, "2013-01-01"), "sex": "female", "date": "2013-01-01",
        "findings": {"great-toe-malformation": False, "cutaneous-ossification": True, "family-history-calcinosis": True},
        "lesions": [{"site": "foot", "side": "left", "flags": {"painful": True, "subcutaneous": True}},
                    {"site": "paravertebral", "flags": {"subcutaneous": True}},
                    {"site": "shoulder", "side": "bilateral", "flags": {"subcutaneous": True}}],
        "genetics": [{"gene": "GNAS", "present": True}],
    },
    {
        "id": "poh-upper-limbs-familial-girl-5-aynaci-2002",
        "expected": "progressive-osseous-heteroplasia",
        "citation": {"authors": "Aynaci O, Aynaci F, Cobanoglu U, Alpay K",
                     "title": "Progressive osseous heteroplasia. A case report and review of the literature",
                     "journal": "J Pediatr Orthop B 11(4):339-342", "year": 2002, "doi": "10.1097/00009957-200210000-00013",
                     "verified": True},
        "story": "5-year-old girl with cutaneous calcifications and ossifications since the first 2 months of life; her father and her "
                 "father's aunt had subcutaneous nodules. Ossified subcutaneous nodules and plaques on both upper limbs, the right "
                 "predominantly; all upper-limb joints ankylosed except the left shoulder. The biopsy histology is not sent.",
        "birth": born(5, "2002-01-01"), "sex": "female", "date": "2002-01-01",
        "findings": {"cutaneous-ossification": True, "family-history-calcinosis": True},
        "lesions": [{"site": "forearm", "side": "bilateral", "flags": {"subcutaneous": True}},
                    {"site": "elbow", "side": "bilateral", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "poh-right-upper-limb-woman-38-gnas-eurorad-16045",
        "expected": "progressive-osseous-heteroplasia",
        "citation": {"authors": "Cases Susarte I, Tovar Perez M, Blanco Barrio A, Gonzalez Moreno IM, Gayan Belmonte M, Marquez Argente B",
                     "title": "Progressive osseous heteroplasia (Eurorad case 16045)", "journal": "Eurorad", "year": None,
                     "verified": False},
        "story": "38-year-old woman, no trauma, with lifelong generalised pain, limited mobility of the right upper limb and a deformed "
                 "right elbow; other limbs normal. Calcium, phosphate, PTH and vitamin D normal. Radiographs: reticular new bone from "
                 "shoulder to forearm involving skin, subcutaneous tissue, tendons and muscles; deformed distal humerus, ulna and "
                 "radius with radial dislocation. Bone scintigraphy: uptake in the right upper limb and right parasternal region. "
                 "GNAS mutation found (work-up date approximate).",
        "birth": born(38, "2019-01-01"), "sex": "female", "date": "2019-01-01",
        "labs": {"calcium": "N", "phosphate": "N", "pth": "N", "vitd": "N"},
        "findings": {"trauma-at-site": False, "cutaneous-ossification": True},
        "lesions": [{"site": "elbow", "side": "right", "flags": {"subcutaneous": True, "intramuscular": True}},
                    {"site": "shoulder", "side": "right"}, {"site": "forearm", "side": "right"}],
        "genetics": [{"gene": "GNAS", "present": True}],
    },
    # ---------------------------------------------------------------- hypercalcaemic states
    {
        "id": "sarcoidosis-hypercalcaemia-pthrp-graves-woman-39-jim",
        "expected": "sarcoidosis",
        "citation": {"authors": "Negreanu D, Madison D",
                     "title": "Sarcoidosis with hypercalcemia and simultaneous elevation of 1,25-dihydroxyvitamin D3 and PTH-rp (exact title not retrieved)",
                     "journal": "J Investig Med 54(1):S153 (meeting abstract)", "year": 2006, "verified": False},
        "story": "39-year-old woman with recently diagnosed Graves' disease admitted with palpitations, fatigue, nausea and abdominal pain. "
                 "Calcium 15.2 mg/dL, creatinine 1.5 mg/dL, 1,25-dihydroxyvitamin D3 43 pg/mL (inappropriately normal), intact PTH "
                 "< 6 pg/mL (suppressed, sent as low), PTH-rp 11.6 pmol/L (elevated; no code). CT: symmetric bilateral hilar "
                 "adenopathy with diffuse interstitial lung disease, no malignancy. The transbronchial biopsy histology is the "
                 "diagnosis and is not sent. No soft-tissue lesion described.",
        "birth": born(39, "2006-01-01"), "sex": "female", "date": "2006-01-01",
        "labs": {"calcium": (15.2, "mg/dL"), "creatinine": (1.5, "mg/dL"), "calcitriol": (43, "pg/mL"), "pth": "L"},
        "findings": {"known-malignancy": False},
    },
    {
        "id": "primary-hyperparathyroidism-brown-tumours-pelvis-woman-sferopoulos-2021",
        "expected": "primary-hyperparathyroidism",
        "citation": {"authors": "Sferopoulos NK", "title": "Primary Hyperparathyroidism in the Common Orthopaedic Practice",
                     "journal": "The Open Orthopaedics Journal 15:57-70", "year": 2021, "doi": "10.2174/1874325002115010057",
                     "verified": True},
        "story": "Middle-aged woman (age not given) with brown tumours on pelvic radiographs; serum calcium minimally increased, "
                 "sedimentation rate mildly increased, total alkaline phosphatase markedly increased; PTH elevated; imaging showed a "
                 "parathyroid adenoma. Values given only as interpretations. No soft-tissue lesion described.",
        "sex": "female", "date": "2021-01-01",
        "labs": {"calcium": "H", "alp": "H", "pth": "H"},
    },
    # ---------------------------------------------------------------- calcific tendinopathy
    {
        "id": "calcific-tendinitis-fcu-wrist-man-51-butarbutar-2022",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Butarbutar JCP, Suginawan ET", "title": "Calcified Tendinitis of the Flexor Carpi Ulnaris Tendon: A Case Report",
                     "journal": "J Orthop Case Rep 12(7):10-13", "year": 2022, "doi": "10.13107/jocr.2022.v12.i07.2894", "verified": True},
        "story": "51-year-old man with two weeks of right wrist pain; localised erythema and tenderness. Ultrasound and radiograph: "
                 "calcification in the flexor carpi ulnaris tendon. Settled with two weeks of splinting and NSAIDs.",
        "birth": born(51, "2022-01-01"), "sex": "male", "date": "2022-01-01",
        "lesions": [{"site": "wrist", "side": "right", "flags": {"painful": True, "inflammatory-signs": True}}],
    },
    {
        "id": "calcific-tendinitis-fcu-mistaken-cellulitis-woman-65-shim-2018",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Shim MR",
                     "title": "Unusual Etiology of Acute Wrist Pain: Acute Calcific Tendonitis of the Flexor Carpi Ulnaris Mimicking an Infection",
                     "journal": "Case Reports in Orthopedics 2018:2520548", "year": 2018, "doi": "10.1155/2018/2520548", "verified": True},
        "story": "65-year-old woman with acute wrist pain first diagnosed as cellulitis and given antibiotics; acute calcific tendinitis "
                 "of the flexor carpi ulnaris on further evaluation; resolved within two weeks with rest, immobilisation and "
                 "anti-inflammatories. Side not given in the stored abstract.",
        "birth": born(65, "2018-01-01"), "sex": "female", "date": "2018-01-01",
        "lesions": [{"site": "wrist", "flags": {"painful": True, "inflammatory-signs": True}}],
    },
    {
        "id": "calcific-tendinitis-fcu-after-long-drive-man-53-pmr-abstract",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Klyachman BA, et al.", "title": "An unusual presentation of calcific tendonitis: a case report",
                     "journal": "PM&R meeting abstract (pmrjabstracts.org)", "year": None, "verified": False},
        "story": "53-year-old man with acute right medial-volar wrist pain, swelling and erythema first noticed after a long drive; a "
                 "rollerblading accident a week earlier with a concussion, wearing wrist guards and with no recalled hand or wrist "
                 "injury. Moderate erythema, effusion and tenderness over the volar wrist, pisiform and distal ulna. Ultrasound: "
                 "sub-centimetre calcifications at the flexor carpi ulnaris insertion on the pisiform with hyperaemia (work-up date "
                 "approximate).",
        "birth": born(53, "2021-01-01"), "sex": "male", "date": "2021-01-01",
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "wrist", "side": "right", "flags": {"painful": True, "inflammatory-signs": True}}],
    },
    {
        "id": "calcific-tendinosis-fcr-wrist-lump-woman-52-jscr-2024",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Calleja Urry K, Sant KN, Casaletto JA",
                     "title": "Calcific tendinosis of flexor carpi radialis as a cause of wrist pain", "journal": "J Surg Case Rep 2024(12):rjae751",
                     "year": 2024, "doi": "10.1093/jscr/rjae751", "verified": True},
        "story": "52-year-old woman with six months of right wrist pain and a palpable tender lump over the flexor carpi radialis tendon at "
                 "the distal radius; radiographs: calcific focus of the flexor carpi radialis tendon, resolved on a repeat radiograph "
                 "after 4 months of hand therapy and NSAIDs.",
        "birth": born(52, "2024-01-01"), "sex": "female", "date": "2024-01-01",
        "lesions": [{"site": "wrist", "side": "right", "flags": {"painful": True}}],
    },
    {
        "id": "calcific-tendinitis-lateral-epicondyle-young-woman-ackah-2025",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Ackah E, Xue D, Pan Z", "title": "Calcific tendonitis of the right epicondyle of the elbow: A case report.",
                     "journal": "Medicine (Baltimore)", "year": 2025, "doi": "10.1097/MD.0000000000041604", "verified": True},
        "story": "Young woman (age not given) with progressive right elbow pain for 3 years without injury, worse in the last week; "
                 "elbow stiffness, tenderness over the lateral epicondyle, positive Cozen test. CT: high-density focus at the lateral "
                 "humeral condyle and dorsal olecranon; radiograph: calcification of the common extensor tendon.",
        "sex": "female", "date": "2025-01-01",
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "elbow", "side": "right", "flags": {"painful": True}}],
    },
    {
        "id": "calcific-tendonitis-common-extensor-elbow-woman-39-vaishya-2020",
        "expected": "calcific-tendinopathy",
        "citation": {"authors": "Vaishya R, Siddalingeshwara GI, Vaish A",
                     "title": "Calcific Tendonitis of the Elbow in an Adult - A Case Report and Review of the Literature",
                     "journal": "J Orthop Case Rep 10(5):57-60", "year": 2020, "doi": "10.13107/jocr.2020.v10.i05.1838", "verified": True},
        "story": "39-year-old right-handed woman with left elbow pain for a year, unresponsive to analgesics, physiotherapy, a brace and a "
                 "steroid injection; radiographs showed calcification at the common extensor origin. The excision histology is not sent.",
        "birth": born(39, "2020-01-01"), "sex": "female", "date": "2020-01-01",
        "lesions": [{"site": "elbow", "side": "left", "flags": {"painful": True}}],
    },
    # ---------------------------------------------------------------- vascular malformation, soft-tissue chondroma
    {
        "id": "venous-malformation-intramuscular-thigh-woman-36-yoga-ann-rehabil-med-2012",
        "expected": "venous-malformation",
        "citation": {"authors": "Chul JH, Kim DH, Park BK, Park MK", "title": "Extensive Intramuscular Venous Malformation in the Lower Extremity",
                     "journal": "Ann Rehabil Med 36(6):893-896", "year": 2012, "pmid": "23342327", "pmcid": "PMC3546197",
                     "doi": "10.5535/arm.2012.36.6.893", "verified": True},
        "story": "Previously healthy 36-year-old woman with a year of pain and tightness in the right proximal thigh, felt as pain and "
                 "pressure in the hamstrings when extending the knee during yoga; an extensive intramuscular venous malformation "
                 "involving many muscles of the lower limb. Phleboliths and skin changes not described in the stored part.",
        "birth": born(36, "2012-01-01"), "sex": "female", "date": "2012-01-01",
        "lesions": [{"site": "thigh", "side": "right", "flags": {"painful": True, "intramuscular": True}}],
    },
    {
        "id": "venous-malformation-brachialis-median-neuropathy-the-nerve-2020",
        "expected": "venous-malformation",
        "citation": {"authors": "Choi, Son (initials not retrieved)",
                     "title": "Median Neuropathy Caused by Intramuscular Venous Malformation in the Brachialis Muscle at the Elbow: A Case Report",
                     "journal": "The Nerve 6(2)", "year": 2020, "verified": False},
        "story": "Patient in the late fifties (exact age and sex not in the stored abstract) with an intramuscular venous malformation of "
                 "the left distal brachialis muscle causing a local mass effect and median-nerve irritation; typical MRI findings; "
                 "resected with complete relief.",
        "date": "2020-01-01",
        "lesions": [{"site": "elbow", "side": "left", "flags": {"intramuscular": True}}],
    },
    {
        "id": "soft-tissue-chondroma-fifth-finger-young-woman-jkbjts-2013",
        "expected": "soft-tissue-chondroma",
        "citation": {"authors": NOT_RETRIEVED, "title": "Extraskeletal Chondroma of Finger in a Young Woman: A Case Report",
                     "journal": "J Korean Bone Joint Tumor Soc 19(2):64-68", "year": 2013, "doi": "10.5292/jkbjts.2013.19.2.64",
                     "verified": True},
        "story": "Young woman (age not in the stored abstract) with a protruding mass on the radial side of the right fifth finger at "
                 "the middle phalanx; radiograph normal (no calcification); ultrasound: ovoid non-echoic lesion 0.3 x 0.3 x 1.0 cm; "
                 "MRI: well-demarcated, diffusely enhancing mass; at surgery it rested on the digital nerve. The histology is not sent.",
        "sex": "female", "date": "2013-12-01",
        "lesions": [{"site": "finger", "side": "right", "size_mm": 10}],
    },
    {
        "id": "soft-tissue-chondroma-index-pulp-woman-38-dermatol-online-j",
        "expected": "soft-tissue-chondroma",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Soft tissue chondroma of the index finger: Clinical, histological and radiological findings in a unique case",
                     "journal": "Dermatology Online Journal", "year": None, "verified": False},
        "story": "38-year-old woman with a 2-year swelling of the right index finger pulp without trauma; firm, immobile, about 1 cm "
                 "nodule on the palmar side, normal skin, mildly painful. Radiograph: dense soft-tissue shadow without calcification, "
                 "bones intact; MRI: 1-cm well-demarcated lesion, no bone involvement. The biopsy histology is not sent (work-up date "
                 "approximate).",
        "birth": born(38, "2015-01-01"), "sex": "female", "date": "2015-01-01",
        "findings": {"trauma-at-site": False},
        "lesions": [{"site": "finger", "side": "right", "size_cm": 1, "flags": {"bone-contact": False, "bone-erosion": False}}],
    },
    {
        "id": "soft-tissue-chondromatosis-index-finger-palm-patient-30",
        "expected": "soft-tissue-chondroma",
        "citation": {"authors": NOT_RETRIEVED, "title": "Extraskeletal chondromatosis in a 30-year-old patient: a rare case report",
                     "journal": "not retrieved", "year": None, "verified": False},
        "story": "30-year-old patient (sex not in the stored abstract) with soft-tissue chondromatosis of the palmar aspect of the index "
                 "finger and palm; a slow-growing firm mass. The histology is the diagnosis and is not sent (work-up date approximate).",
        "birth": born(30, "2023-01-01"), "date": "2023-01-01",
        "lesions": [{"site": "finger"}, {"site": "palm-sole"}],
    },
    # ---------------------------------------------------------------- tumour lysis, hypoparathyroidism, gout
    {
        "id": "tumour-lysis-hypercalcaemia-dlbcl-man-77-shah-2013",
        "expected": "tumor-lysis-syndrome",
        "citation": {"authors": "Shah BK", "title": "Hypercalcemia in Tumor Lysis Syndrome",
                     "journal": "Indian J Hematol Blood Transfus", "year": 2013, "doi": "10.1007/s12288-013-0264-1", "verified": True},
        "story": "77-year-old man with diffuse large B-cell lymphoma diagnosed at splenectomy and treated with four cycles of R-CHOP, "
                 "presenting four months later with two weeks of upper abdominal pain and a tender left-upper-quadrant mass; no fever, "
                 "night sweats or weight loss. BUN 34 mg/dl (8-23), creatinine 1.6 mg/dl (0.7-1.2); the rest of the panel is cut off "
                 "in the stored copy, but the report's title and abstract assert hypercalcaemia, so calcium is sent as high.",
        "birth": born(77, "2013-01-01"), "sex": "male", "date": "2013-01-01",
        "labs": {"creatinine": (1.6, "mg/dl", (0.7, 1.2)), "calcium": "H"},
        "findings": {"known-malignancy": True, "fever": False, "weight-loss": False},
    },
    {
        "id": "hypoparathyroidism-brain-calcinosis-ataxia-woman-63-thyroidectomy-sun520",
        "expected": "hypoparathyroidism",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "SUN-520 Brain Calcinosis Syndrome Manifesting As Cerebellar Ataxia In A Chronic Hypoparathyroid Patient",
                     "journal": "Journal of the Endocrine Society (ENDO meeting abstract)", "year": None, "verified": False},
        "story": "63-year-old woman admitted for dizziness after a brief loss of consciousness; total thyroidectomy for colloid adenoma "
                 "20 years earlier, poor adherence to levothyroxine. Positive Romberg test and dysmetria; Chvostek and Trousseau signs "
                 "negative. CT: extensive calcification of both basal ganglia, corona radiata, brainstem and cerebellum. Ionised calcium "
                 "low (value cut off in the stored copy). No soft-tissue lesion (work-up date approximate).",
        "birth": born(63, "2019-01-01"), "sex": "female", "date": "2019-01-01",
        "labs": {"ionised-calcium": "L"},
        "findings": {"neck-surgery": True, "basal-ganglia-calcification": True},
    },
    {
        "id": "hypoparathyroidism-cns-calcinosis-heart-failure-man-46-aace-2022",
        "expected": "hypoparathyroidism",
        "citation": {"authors": "Abdelkarim J, et al.",
                     "title": "Extensive central nervous system calcinosis in longstanding postsurgical hypoparathyroidism (exact title not retrieved)",
                     "journal": "AACE 2022 annual meeting e-poster", "year": 2022, "verified": False},
        "story": "46-year-old man with four months of worsening dyspnoea, orthopnoea, palpitations, oedema and dizziness; thyroidectomy "
                 "for goitre at 16, persistent hypocalcaemia since, treated with calcium carbonate only (serum calcium consistently "
                 "< 6.5 mg/dL). Calcium 5.0 mg/dL (8.5-10.1), intact PTH 6.3 pg/mL (18.4-80.1); Chvostek and Trousseau signs absent. "
                 "CT head: extensive calcification of the basal ganglia, thalamus and cerebellar hemispheres. Hyperphosphataemia later "
                 "needed sevelamer (sent as high). Heart failure with reduced ejection fraction.",
        "birth": born(46, "2022-01-01"), "sex": "male", "date": "2022-01-01",
        "labs": {"calcium": (5.0, "mg/dL", (8.5, 10.1)), "pth": (6.3, "pg/mL", (18.4, 80.1)), "phosphate": "H"},
        "findings": {"neck-surgery": True, "basal-ganglia-calcification": True},
    },
    {
        "id": "hypoparathyroidism-parkinsonism-seizures-woman-45-thyroidectomy",
        "expected": "hypoparathyroidism",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Post-thyroidectomy hypoparathyroidism presenting with Parkinsonian features, cerebellar signs and seizures (exact title not retrieved)",
                     "journal": "not retrieved (PMC article)", "year": None, "pmcid": "PMC4215493", "verified": True},
        "story": "45-year-old woman with a history of total thyroidectomy admitted with new generalised tonic-clonic convulsions for 48 "
                 "hours, Parkinsonian features and cerebellar signs; severe hypocalcaemia (value not in the stored part); brain imaging: "
                 "extensive periventricular, cerebellar and basal ganglia calcification. Improved on intravenous then oral calcium and "
                 "calcitriol (work-up date approximate).",
        "birth": born(45, "2014-01-01"), "sex": "female", "date": "2014-01-01",
        "labs": {"calcium": "L"},
        "findings": {"neck-surgery": True, "basal-ganglia-calcification": True},
    },
    {
        "id": "gout-bilateral-knee-tophi-ulcerated-man-67-jocr-2019",
        "expected": "gouty-tophus",
        "citation": {"authors": "Patel UJ, Freetly TJ, Yueh J, Campbell C, Kelly MA",
                     "title": "Gout Presenting as Bilateral Knee Masses in an Adult Patient: A Case Report",
                     "journal": "J Orthop Case Rep 9(5):16-19", "year": 2019, "doi": "10.13107/jocr.2019.v09i05.1512", "verified": True},
        "story": "67-year-old Caucasian man with bilateral tophaceous masses of the knees in the soft tissue, with ulcerating skin "
                 "breakdown over a fungating mass of the left knee after an acute traumatic injury. Urate value not in the stored part.",
        "birth": born(67, "2019-09-01"), "sex": "male", "date": "2019-09-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "knee", "side": "bilateral", "flags": {"skin-ulceration": True}}],
    },
    {
        "id": "gout-tophi-ankle-knees-finger-before-first-attack-man-45-hidayat",
        "expected": "gouty-tophus",
        "citation": {"authors": "Hidayat R, Kasjmir YI",
                     "title": "Tophi which develop years before the first attack of acute gouty arthritis",
                     "journal": "not retrieved (Indonesian internal medicine journal)", "year": None, "verified": False},
        "story": "45-year-old man with a 10-year history of painless nodules, first a corn-sized nodule of the right ankle, then of the "
                 "knees and the right fifth finger, enlarging without swelling; eight years before admission an acute gouty arthritis "
                 "of the right knee with serum uric acid 18 mg/dL (a past value, told here only); untreated hyperuricaemia since, mild "
                 "joint pains treated with analgesics and traditional medicine (work-up date approximate).",
        "birth": born(45, "2010-01-01"), "sex": "male", "date": "2010-01-01",
        "findings": {"gout-history": True},
        "lesions": [{"site": "ankle", "side": "right", "flags": {"painful": False}}, {"site": "knee", "side": "bilateral"},
                    {"site": "finger", "side": "right"}],
    },
    # ---------------------------------------------------------------- vitamin D intoxication, iatrogenic calcium, PXE
    {
        "id": "vitamin-d-intoxication-infant-girl-4-months-otc-drops-crie-2021",
        "expected": "vitamin-d-intoxication",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Vitamin D intoxication with hypercalcaemia and nephrocalcinosis in a 4-month-old girl (exact title not retrieved)",
                     "journal": "Case Reports in Endocrinology 2021:3286274", "year": 2021, "doi": "10.1155/2021/3286274",
                     "verified": True},
        "story": "4-month-old girl brought with lethargy and decreased feeding; hypercalcaemia and a high vitamin D level after prolonged "
                 "over-the-counter vitamin D supplements given by her mother in overdose; nephrocalcinosis. Values not in the stored "
                 "abstract (sent as interpretations). No soft-tissue lesion.",
        "birth": born(0.33, "2021-01-01"), "sex": "female", "date": "2021-01-01",
        "labs": {"calcium": "H", "vitd": "H"},
        "findings": {"vitamin-d-or-calcium-excess": True},
    },
    {
        "id": "vitamin-d-intoxication-boy-18-months-multivitamin-cripe-2016",
        "expected": "vitamin-d-intoxication",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Vitamin D intoxication from a multivitamin given for a wide anterior fontanelle (exact title not retrieved)",
                     "journal": "Case Reports in Pediatrics 2016:1395718", "year": 2016, "doi": "10.1155/2016/1395718", "verified": True},
        "story": "18-month-old boy with six days of abdominal pain, vomiting, diarrhoea and poor appetite; for about three months he had "
                 "been given daily a multivitamin with 50,000 IU vitamin D and 10,000 IU vitamin A for a wide anterior fontanelle. "
                 "Hypercalcaemia, low PTH, very high 25-hydroxyvitamin D (values not in the stored abstract); nephrocalcinosis on "
                 "ultrasound; no sign of vitamin A toxicity.",
        "birth": born(1.5, "2016-01-01"), "sex": "male", "date": "2016-01-01",
        "labs": {"calcium": "H", "pth": "L", "vitd": "H"},
        "findings": {"vitamin-d-or-calcium-excess": True},
    },
    {
        "id": "vitamin-d-intoxication-infant-boy-8-months-intramuscular-stoss",
        "expected": "vitamin-d-intoxication",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Vitamin D toxicity in an Asian Indian infant after intramuscular vitamin D therapy, with persistent nephrocalcinosis (exact title not retrieved)",
                     "journal": "not retrieved (PMC article)", "year": None, "pmcid": "PMC4004887", "verified": True},
        "story": "8-month-old boy with two weeks of persistent vomiting and refusal to feed; a month earlier twitching of the limbs with "
                 "serum calcium 7.8 mg/dl had been treated with a single intramuscular injection of 600,000 units of cholecalciferol "
                 "and calcium carbonate 500 mg daily, continued by the parents without review. Symptomatic hypercalcaemia at "
                 "presentation (value not in the stored part); bilateral medullary nephrocalcinosis (work-up date approximate).",
        "birth": born(0.67, "2013-01-01"), "sex": "male", "date": "2013-01-01",
        "labs": {"calcium": "H"},
        "findings": {"vitamin-d-or-calcium-excess": True},
    },
    {
        "id": "iatrogenic-calcinosis-neonate-hand-calcium-gluconate-jaad-1982",
        "expected": "iatrogenic-calcium-deposition",
        "citation": {"authors": NOT_RETRIEVED, "title": "Cutaneous calcinosis in a neonate following extravasation of calcium gluconate",
                     "journal": "J Am Acad Dermatol 6(3):392-5", "year": 1982, "pmid": "7068967",
                     "doi": "10.1016/s0190-9622(82)70035-0", "verified": True},
        "story": "6-day-old neonate (sex not in the stored abstract) in whom a 10% calcium gluconate infusion extravasated: rapid marked "
                 "swelling, erythema and soft-tissue necrosis over the dorsum of the right hand and wrist; small eschars sloughed and "
                 "tiny white calcific pieces were extruded. The histology is not sent.",
        "birth": born(0.016, "1982-03-01"), "date": "1982-03-01",
        "findings": {"calcium-injection-at-site": True},
        "lesions": [{"site": "hand", "side": "right", "flags": {"skin-ulceration": True, "inflammatory-signs": True, "subcutaneous": True}}],
    },
    {
        "id": "iatrogenic-calcinosis-neonate-flank-femoral-catheter-aps-2021",
        "expected": "iatrogenic-calcium-deposition",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "A rare case report of neonatal calcinosis cutis induced by distant and delayed extravasation of intravenous calcium gluconate",
                     "journal": "Arch Plast Surg 48(6):641-645", "year": 2021, "doi": "10.5999/aps.2020.01942", "verified": True},
        "story": "Male neonate (3,480 g) with tachypnoea and ionised calcium 0.66 mmol/L, given intravenous calcium gluconate through a "
                 "femoral vein catheter; on the second day erythema of the flank, which became firm and turned into a whitish crust of "
                 "small crystals. Radiograph and ultrasound: calcium deposit in the subcutaneous layer. The report attributes it to a "
                 "distant, delayed extravasation (sent as calcium injection at the site).",
        "birth": born(0.005, "2021-01-01"), "sex": "male", "date": "2021-01-01",
        "labs": {"ionised-calcium": (0.66, "mmol/L")},
        "findings": {"calcium-injection-at-site": True},
        "lesions": [{"site": "other", "flags": {"subcutaneous": True, "inflammatory-signs": True}}],
    },
    {
        "id": "iatrogenic-calcinosis-infant-leg-occult-pseudohypoaldosteronism",
        "expected": "iatrogenic-calcium-deposition",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Occult iatrogenic calcinosis cutis in an infant with pseudo-hypoaldosteronism (exact title not retrieved)",
                     "journal": "not retrieved (PMC article)", "year": None, "pmcid": "PMC10666667", "verified": True},
        "story": "7-week-old infant (sex not in the stored abstract) treated for pseudo-hypoaldosteronism who developed an unexplained "
                 "swelling of the left leg in the third week of hospitalisation, without preceding skin signs; attributed to occult "
                 "extravasation of intravenous calcium gluconate (work-up date approximate).",
        "birth": born(0.13, "2023-01-01"), "date": "2023-01-01",
        "findings": {"calcium-injection-at-site": True},
        "lesions": [{"site": "leg", "side": "left"}],
    },
    {
        "id": "pxe-neck-papules-coronary-disease-man-53-dermatol-online-j-2009",
        "expected": "pseudoxanthoma-elasticum",
        "citation": {"authors": "Gonzalez ME, Votava HJ, Lipkin G, Sanchez M", "title": "Pseudoxanthoma elasticum",
                     "journal": "Dermatology Online Journal 15(8):17", "year": 2009, "verified": False},
        "story": "53-year-old man (patient A of two siblings) with numerous asymptomatic yellow, skin-coloured papules on the neck since "
                 "adolescence; hypertension, diabetes, hyperlipidaemia, obesity and coronary artery disease with a stent at 48, two "
                 "myocardial infarctions at 50 and a bypass graft at 53. His sibling is also affected.",
        "birth": born(53, "2009-01-01"), "sex": "male", "date": "2009-01-01",
        "lesions": [{"site": "neck", "flags": {"painful": False}}],
    },
    # ---------------------------------------------------------------- dermatomyositis, milk-alkali, calcified haematoma
    {
        "id": "dermatomyositis-lumbar-belt-calcinosis-anti-mi2-bmj-cr-2022",
        "expected": "dermatomyositis",
        "citation": {"authors": "Linan-Barroso JM, Gonzalez-Estrada A, Garcia-Morillo JS",
                     "title": "Therapy-resistant dermatomyositis with extensive 'lumbar belt' calcinosis",
                     "journal": "BMJ Case Rep 15(5):e249110", "year": 2022, "verified": False},
        "story": "Patient (age and sex not in the stored abstract) with anti-Mi2-positive dermatomyositis and subcutaneous calcinosis "
                 "distributed as a 'lumbar belt', progressing despite corticosteroids, methotrexate, bisphosphonates, intravenous "
                 "immunoglobulin, rituximab and sodium thiosulfate. The anti-Mi2 antibody has no code and is told here only.",
        "date": "2022-05-01",
        "lesions": [{"site": "paravertebral", "flags": {"subcutaneous": True}}],
    },
    {
        "id": "dermatomyositis-muscle-calcification-lipodystrophy-woman-39-gcc",
        "expected": "dermatomyositis",
        "citation": {"authors": "Hannawi S", "title": "Lipodystrophy and Calcinosis; Two Rare Manifestations in Adult Dermatomyositis",
                     "journal": "GCC-AIR congress abstract (gccair.org)", "year": None, "verified": False},
        "story": "39-year-old Sudanese woman with dermatomyositis for 10 years (on prednisolone, azathioprine and diltiazem) presenting "
                 "with a week of fever, low back pain, body rash, hair loss, dry mouth and blurred vision, without muscle weakness. "
                 "Heliotrope rash and mechanic's hands; localised areas of the back and front of the right thigh with lipodystrophy "
                 "over underlying muscle calcification (work-up date approximate).",
        "birth": born(39, "2023-01-01"), "sex": "female", "date": "2023-01-01",
        "findings": {"dermatomyositis-rash": True, "proximal-muscle-weakness": False, "fever": True},
        "lesions": [{"site": "thigh", "side": "right", "flags": {"intramuscular": True}}, {"site": "paravertebral", "flags": {"intramuscular": True}}],
    },
    {
        "id": "milk-alkali-calcium-22-8-after-thyroidectomy-woman-51-cases-j-2009",
        "expected": "milk-alkali",
        "citation": {"authors": NOT_RETRIEVED,
                     "title": "Milk-alkali syndrome in a middle-aged woman after ingesting large doses of calcium carbonate: a case report",
                     "journal": "Cases Journal 2:8198", "year": 2009, "doi": "10.4076/1757-1626-2-8198", "verified": True},
        "story": "51-year-old Caucasian woman with previous thyroidectomy and parathyroidectomy for thyroid cancer, with a week of malaise "
                 "and weakness and an altered mental state; calcium 22.8 mg/dl (5.7 mmol/l). Work-up for malignancy and "
                 "hyperparathyroidism; the hypercalcaemia was attributed to large doses of calcium carbonate. No soft-tissue lesion.",
        "birth": born(51, "2009-01-01"), "sex": "female", "date": "2009-01-01",
        "labs": {"calcium": (22.8, "mg/dl")},
        "findings": {"vitamin-d-or-calcium-excess": True, "neck-surgery": True},
    },
    {
        "id": "calcified-ancient-haematoma-calf-footballer-41-fifa-medical-network",
        "expected": "calcified-hematoma",
        "citation": {"authors": NOT_RETRIEVED, "title": "'Ancient' haematoma", "journal": "FIFA Medical Network case (fifamedicalnetwork.com)",
                     "year": None, "verified": False},
        "story": "41-year-old male football player with recurring calf pain after activity since an index injury 15 years earlier and "
                 "asymmetric calves: swelling distal to the medial head of gastrocnemius, calf circumference 4 cm greater. Lateral "
                 "radiograph: two serpiginous foci of mineralisation in the posterior soft tissues of the right mid-calf; ultrasound: "
                 "large smooth hypoechoic area; MRI: well-defined ovoid collection at the myotendinous junction with a thin low-signal "
                 "rim. Coagulation screen normal. Aspirate: dark-red serous fluid with inflammatory cells (work-up date approximate).",
        "birth": born(41, "2020-01-01"), "sex": "male", "date": "2020-01-01",
        "findings": {"trauma-at-site": True},
        "lesions": [{"site": "leg", "side": "right", "flags": {"painful": True, "intramuscular": True}}],
    },
]
