"""Demo data for trying the portal: meetings and resident submissions in every shipped language.

Every meeting and submission added here has is_demo=True, so it is never mistaken for what a
real resident sent and can be removed with `flask --app portal seed-demo --reset`. All people,
addresses, e-mail addresses (example.org) and phone numbers (555-01xx) are fictional.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, UTC

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import Category, Interpretation, Meeting, Reply, Source, Status, Submission
from portal.topics.service import ensure_default_categories
from portal.demo.outcomes import add_final_demo_report
from portal.demo.office import set_demo_office
from portal.demo.report import RECOMMENDATIONS, add_demo_report, remove_demo_reports
from portal.demo.themes import add_demo_themes, remove_demo_themes, remove_empty_suggestions
from portal.submissions.intake import ContactDetails, FeedbackAnswers, record_concern, record_meeting_feedback
from portal.meetings.service import default_feedback_window
from portal.submissions.retention import delete_submissions

MEETING_HOUR_UTC, MEETING_MINUTE_UTC = 22, 30  # 6:30 pm US Eastern daylight time
MEETING_LENGTH = timedelta(hours=2)
REPLY_AFTER = timedelta(days=4)
STATUS_CHANGED_AFTER = timedelta(days=2)


@dataclass(frozen=True)
class DemoMeeting:
    key: str  # how DemoFeedback names its meeting
    days_from_now: int  # negative for a meeting in the past
    title: dict[str, str]
    description: dict[str, str]
    place: str
    organisers: str
    interpreted_languages: tuple[str, ...]
    cancelled: bool = False
    partners: str = ""
    report: DemoReport | None = None  # the closing report, for meetings in the past


@dataclass(frozen=True)
class DemoReport:
    attendance: int
    organisations_present: str
    summary: dict[str, str]


@dataclass(frozen=True)
class DemoConcern:
    language: str
    category: str  # Category.slug
    days_ago: int
    status: Status
    neighbourhood: str
    body: str
    occurred_days_earlier: int | None = 1  # None: the resident gave no date
    contact: ContactDetails | None = None
    reply: str | None = None  # a staff reply, in the submission's language
    source: Source = Source.WEB


@dataclass(frozen=True)
class DemoFeedback:
    meeting: str  # DemoMeeting.key
    language: str
    days_ago: int
    status: Status
    usefulness: int
    felt_heard: int
    interpretation: Interpretation
    act_on: str
    improvement: str
    contact: ContactDetails | None = None
    reply: str | None = None
    source: Source = Source.WEB


MEETINGS: tuple[DemoMeeting, ...] = (
    DemoMeeting(
        key="police",
        days_from_now=-20,
        title={
            "en": "Police, federal immigration agents and our city: a listening session",
            "es": "La policía, los agentes federales de inmigración y nuestra ciudad: sesión para escuchar",
            "ar": "الشرطة ووكلاء الهجرة الفيدراليون ومدينتنا: جلسة استماع",
            "so": "Booliska, wakiilada socdaalka ee federaalka iyo magaaladeena: kulan dhageysi",
            "fa-AF": "پولیس، مأموران فدرال مهاجرت و شهر ما: جلسهٔ شنیدن نظرات",
        },
        description={
            "en": "City police leadership and the Office for Immigrant Affairs explain what local police do and do not "
                  "do when federal immigration (ICE) agents are present, and listen to residents' questions and "
                  "concerns. Free childcare and a light meal. Interpretation provided.",
            "es": "La dirección de la policía de la ciudad y la Oficina de Asuntos de Inmigrantes explicarán lo que la "
                  "policía local hace y no hace cuando hay agentes federales de inmigración (ICE) presentes, y "
                  "escucharán las preguntas y preocupaciones de los residentes. Cuidado de niños gratuito y comida "
                  "ligera. Habrá interpretación.",
            "ar": "تشرح قيادة شرطة المدينة ومكتب شؤون المهاجرين ما تقوم به الشرطة المحلية وما لا تقوم به عند وجود "
                  "وكلاء الهجرة الفيدراليين (ICE)، وتستمع إلى أسئلة السكان ومخاوفهم. رعاية مجانية للأطفال ووجبة خفيفة. "
                  "تتوفر الترجمة الفورية.",
            "so": "Hoggaanka booliska magaalada iyo Xafiiska Arrimaha Soo-galootiga ayaa sharxi doona waxa booliska "
                  "deegaanku sameeyaan iyo waxa aysan samayn marka ay joogaan wakiilada socdaalka ee federaalka (ICE), "
                  "waxayna dhageysan doonaan su'aalaha iyo welwelka dadka deegaanka. Daryeel carruur oo bilaash ah iyo "
                  "cunto fudud. Turjubaan ayaa la heli doonaa.",
            "fa-AF": "رهبری پولیس شهر و دفتر امور مهاجرین توضیح می‌دهند که پولیس محلی هنگام حضور مأموران فدرال مهاجرت "
                     "(ICE) چه کارهایی را انجام می‌دهد و چه کارهایی را انجام نمی‌دهد، و به سوالات و نگرانی‌های "
                     "باشندگان گوش می‌دهند. نگهداری رایگان از اطفال و غذای سبک. ترجمانی فراهم است.",
        },
        place="Beechmont Branch Library, Community Room, 4710 Harlan Crest Avenue",
        organisers="Office for Immigrant Affairs and the Police Department's Community Engagement Unit",
        interpreted_languages=("en", "es", "ar", "so", "sw", "fa-AF", "ps"),
        partners="Beechmont Neighbourhood Association, Refugee Resettlement Partners",
        report=DemoReport(
            attendance=64,
            organisations_present="Beechmont Neighbourhood Association\nRefugee Resettlement Partners\n"
                                  "Somali Community Center\nAfghan Families Network",
            summary={
                "en": "Residents asked for a written city policy saying when police may help federal immigration "
                      "agents, and for it to be shared in their languages. Several parents said children are afraid "
                      "to walk to school after seeing police cars next to ICE vehicles. People asked that reports to "
                      "the police never lead to questions about immigration status.",
                "es": "Los residentes pidieron una política escrita de la ciudad que diga cuándo la policía puede "
                      "ayudar a los agentes federales de inmigración, y que se comparta en sus idiomas. Varios padres "
                      "dijeron que sus hijos tienen miedo de ir caminando a la escuela después de ver patrullas junto "
                      "a vehículos de ICE. La gente pidió que llamar a la policía nunca lleve a preguntas sobre el "
                      "estatus migratorio.",
                "ar": "طلب السكان سياسة مكتوبة من المدينة توضح متى يجوز للشرطة مساعدة وكلاء الهجرة الفيدراليين، "
                      "وأن تُنشر بلغاتهم. قال عدد من الآباء إن أطفالهم يخافون المشي إلى المدرسة بعد رؤية سيارات "
                      "الشرطة بجانب سيارات ICE. وطلب الحاضرون ألّا يؤدي الاتصال بالشرطة أبدًا إلى أسئلة عن وضع الهجرة.",
            },
        ),
    ),
    DemoMeeting(
        key="tenants",
        days_from_now=-50,
        title={
            "en": "Tenants' rights: repairs, deposits and eviction notices",
            "es": "Derechos de los inquilinos: reparaciones, depósitos y avisos de desalojo",
            "uk": "Права орендарів: ремонт, депозити та повідомлення про виселення",
            "ne": "भाडावालाका अधिकार: मर्मत, धरौटी र घर खाली गर्ने सूचना",
        },
        description={
            "en": "Legal aid lawyers and the city's housing code inspectors explain what landlords must repair, how "
                  "to ask for an inspection, how deposits work and what to do if you get an eviction notice. Bring "
                  "your questions; one-to-one help after the session.",
            "es": "Abogados de asistencia legal e inspectores de vivienda de la ciudad explicarán qué reparaciones "
                  "debe hacer el propietario, cómo pedir una inspección, cómo funcionan los depósitos y qué hacer si "
                  "recibe un aviso de desalojo. Traiga sus preguntas; habrá ayuda individual después de la sesión.",
            "uk": "Юристи з безоплатної правової допомоги та міські житлові інспектори пояснять, що повинен "
                  "ремонтувати орендодавець, як замовити перевірку, як працюють депозити і що робити, якщо ви "
                  "отримали повідомлення про виселення. Приходьте зі своїми запитаннями; після зустрічі — "
                  "індивідуальні консультації.",
            "ne": "कानुनी सहायताका वकिल र सहरका आवास निरीक्षकहरूले घरधनीले के-के मर्मत गर्नुपर्छ, निरीक्षण कसरी "
                  "माग्ने, धरौटी कसरी काम गर्छ र घर खाली गर्ने सूचना आएमा के गर्ने भन्ने कुरा बताउनेछन्। आफ्ना "
                  "प्रश्नहरू लिएर आउनुहोस्; सत्रपछि व्यक्तिगत सहायता उपलब्ध हुनेछ।",
        },
        place="Newburg Community Center, Multipurpose Room, 4123 Ridgeview Parkway",
        organisers="Office for Immigrant Affairs with Legal Aid and the city's housing code inspectors",
        interpreted_languages=("en", "es", "uk", "ne", "rw", "sw", "fr", "vi"),
        partners="Legal Aid Society, Newburg Tenants Union",
        report=DemoReport(
            attendance=41,
            organisations_present="Legal Aid Society\nNewburg Tenants Union\nBhutanese Community Association",
            summary={
                "en": "Tenants described repairs that landlords ignore for months, above all heating and water, and "
                      "deposits kept without a reason. Many leases are only in English. People asked for a plain "
                      "guide to leases in their languages and for inspections to start without the tenant's name "
                      "being given to the landlord.",
                "uk": "Орендарі розповіли про ремонти, які орендодавці місяцями ігнорують, передусім опалення та "
                      "воду, і про депозити, які не повертають без пояснень. Багато договорів оренди є лише "
                      "англійською. Люди попросили простий посібник щодо договорів їхніми мовами та перевірки, під "
                      "час яких ім’я орендаря не повідомляють орендодавцю.",
            },
        ),
    ),
    DemoMeeting(
        key="language-access",
        days_from_now=10,
        title={
            "en": "Interpreters at city offices and schools: what is working and what is not",
            "ar": "المترجمون في مكاتب المدينة والمدارس: ما الذي ينجح وما الذي لا ينجح",
            "so": "Turjubaannada xafiisyada magaalada iyo dugsiyada: waxa shaqeeya iyo waxa aan shaqayn",
            "fa-AF": "ترجمان در دفاتر شهر و مکاتب: چه چیزی کار می‌کند و چه چیزی نه",
        },
        description={
            "en": "Tell the city where you needed an interpreter and did not get one: at city offices, schools, "
                  "clinics or on the phone. The Office for Immigrant Affairs will share the city's language access "
                  "plan and collect ideas for improving it.",
            "ar": "أخبروا المدينة أين احتجتم إلى مترجم ولم تحصلوا عليه: في مكاتب المدينة أو المدارس أو العيادات أو "
                  "عبر الهاتف. سيعرض مكتب شؤون المهاجرين خطة المدينة للوصول اللغوي ويجمع الأفكار لتحسينها.",
            "so": "U sheeg magaalada meesha aad turjubaan u baahnayd oo aadan helin: xafiisyada magaalada, dugsiyada, "
                  "rugaha caafimaadka ama taleefanka. Xafiiska Arrimaha Soo-galootiga ayaa soo bandhigi doona qorshaha "
                  "helitaanka luqadda ee magaalada wuxuuna ururin doonaa fikradaha lagu horumarinayo.",
            "fa-AF": "به شهر بگویید در کجا به ترجمان نیاز داشتید و آن را دریافت نکردید: در دفاتر شهر، مکاتب، "
                     "کلینیک‌ها یا از طریق تلفون. دفتر امور مهاجرین پلان دسترسی به زبان را شریک می‌سازد و نظریات را "
                     "برای بهتر ساختن آن جمع‌آوری می‌کند.",
        },
        place="Masjid Al-Noor, Community Hall (side entrance), 2215 Preston Glen Road",
        organisers="Office for Immigrant Affairs with the Masjid Al-Noor community committee",
        interpreted_languages=("en", "ar", "so", "sw", "ps", "fa-AF"),
    ),
    DemoMeeting(
        key="workers",
        days_from_now=25,
        title={
            "en": "Workers' rights: unpaid wages, overtime and safety on the job",
            "es": "Derechos laborales: salarios no pagados, horas extras y seguridad en el trabajo",
            "ne": "कामदारका अधिकार: नपाएको ज्याला, ओभरटाइम र कार्यस्थलमा सुरक्षा",
        },
        description={
            "en": "State labor officials and a local workers' center explain how to recover unpaid wages, which "
                  "overtime rules apply and how to report unsafe working conditions. Questions are answered in "
                  "confidence.",
            "es": "Funcionarios laborales del estado y un centro de trabajadores local explicarán cómo recuperar "
                  "salarios no pagados, qué reglas de horas extras se aplican y cómo denunciar condiciones de trabajo "
                  "inseguras. Las preguntas se responden de forma confidencial.",
            "ne": "राज्यका श्रम अधिकारीहरू र एउटा स्थानीय कामदार केन्द्रले नपाएको ज्याला कसरी फिर्ता लिने, ओभरटाइमका "
                  "कुन नियम लागू हुन्छन् र असुरक्षित कामको अवस्थाबारे कसरी उजुरी गर्ने भन्ने कुरा बताउनेछन्। "
                  "प्रश्नहरूको जवाफ गोप्य रूपमा दिइनेछ।",
        },
        place="St. Brendan's Church, Parish Hall, 915 Elm Terrace Avenue",
        organisers="Office for Immigrant Affairs with a local workers' center",
        interpreted_languages=("en", "es", "ne", "vi", "fr"),
        cancelled=True,
    ),
)

CONCERNS: tuple[DemoConcern, ...] = (
    DemoConcern(
        language="es", category="police-immigration", days_ago=52, status=Status.IN_RECOMMENDATION,
        neighbourhood="South End", occurred_days_earlier=2,
        body="El martes temprano vi dos patrullas de la policía de la ciudad estacionadas mientras agentes de ICE "
             "tocaban la puerta de mis vecinos. Mis hijos lo vieron desde la ventana y ahora no quieren ir caminando "
             "a la escuela. Queremos saber si la policía de la ciudad ayuda a ICE o no, porque así nadie en el barrio "
             "va a llamar a la policía cuando haya un problema.",
    ),
    DemoConcern(
        language="es", category="work-wages", days_ago=30, status=Status.REFERRED,
        neighbourhood="Shively", occurred_days_earlier=None,
        body="Trabajé tres semanas con una compañía de techos y el contratista nunca me pagó las últimas dos semanas. "
             "Somos cinco trabajadores en la misma situación y él dice que el dueño de la obra no le ha pagado. "
             "Necesitamos saber dónde podemos quejarnos y si alguien nos puede ayudar a recuperar el dinero.",
        contact=ContactDetails(name="Jorge Ramírez", email="", phone="+15025550134", preferred_language="es"),
        reply="Gracias por escribirnos. Enviamos su caso a la oficina estatal de salarios y a un centro de "
              "trabajadores que ayuda a recuperar salarios no pagados; le llamarán en español esta semana. Mientras "
              "tanto, guarde los mensajes, fotos o notas de las horas que trabajó.",
    ),
    DemoConcern(
        language="es", category="schools", days_ago=8, status=Status.RECEIVED,
        neighbourhood="Beechmont", occurred_days_earlier=3,
        body="En la reunión de padres de la escuela primaria no había intérprete y la maestra le pidió a mi hija de "
             "diez años que me tradujera. No me parece bien que una niña tenga que explicar sus propias "
             "calificaciones. Pido que la escuela tenga intérpretes en persona o por teléfono para las reuniones con "
             "las familias.",
    ),
    DemoConcern(
        language="ar", category="police-immigration", days_ago=17, status=Status.IN_REVIEW,
        neighbourhood="Beechmont", occurred_days_earlier=None,
        body="بعد ما حدث في حيّنا مع عناصر الهجرة، أصبح كثير من الجيران يخافون الاتصال بالشرطة حتى عند وقوع سرقة أو "
             "حادث. نريد أن تأتي شرطة المدينة وتشرح لنا بوضوح وبلغتنا ما هو دورها وما ليس من دورها. نحتاج إلى الثقة "
             "لكي نشعر بالأمان.",
    ),
    DemoConcern(
        language="ar", category="housing", days_ago=44, status=Status.REFERRED,
        neighbourhood="نيوبرغ", occurred_days_earlier=None,
        body="التدفئة في شقتنا معطلة منذ ثلاثة أسابيع ولدينا طفل رضيع. أبلغنا المالك مرات عديدة لكنه لا يرد، وهناك "
             "عفن في الحمام أيضاً. عندما طلبنا الإصلاح قال إنه يمكننا الرحيل إذا لم يعجبنا الوضع.",
    ),
    DemoConcern(
        language="ar", category="discrimination", days_ago=26, status=Status.REFERRED,
        neighbourhood="Hikes Point", occurred_days_earlier=1,
        body="كنت أنتظر الحافلة مع ابنتي عندما صرخ رجل في وجهنا بكلمات مسيئة وحاول شدّ حجابي. رأى بعض الناس ما حدث "
             "لكن لم يتدخل أحد، وما زالت ابنتي خائفة. أريد أن أعرف كيف أبلّغ عن هذا بشكل رسمي وهل توجد مساعدة "
             "للضحايا.",
        contact=ContactDetails(
            name="Layla Haddad", email="layla.haddad@example.org", phone="+15025550142", preferred_language="ar"
        ),
        reply="نأسف جداً لما تعرّضتِ له أنتِ وابنتك. أحلنا بلاغك، بموافقتك، إلى وحدة جرائم الكراهية في الشرطة وإلى "
              "برنامج دعم الضحايا، وسيتصل بكِ موظف بمساعدة مترجم باللغة العربية. يمكنك متابعة بلاغك هنا في أي وقت "
              "برقمك المرجعي.",
    ),
    DemoConcern(
        language="so", category="language-access", days_ago=38, status=Status.CLOSED,
        neighbourhood="Highview", occurred_days_earlier=2,
        body="Waxaan aaday xafiiska magaalada si aan u bixiyo biilka biyaha oo aan u weydiiyo sababta uu u kordhay. "
             "Ma jirin turjubaan Soomaali ah, shaqaalahuna waxay igu yiraahdeen soo kaxee qof kuu turjuma. Waxaan "
             "rabaa in xafiisyada magaaladu ay haystaan turjubaan taleefan oo Soomaali ku hadla.",
    ),
    DemoConcern(
        language="so", category="health-care", days_ago=12, status=Status.IN_REVIEW,
        neighbourhood="Beechmont", occurred_days_earlier=4, source=Source.PHONE,
        body="Hooyaday waxay tagtay rugta caafimaadka, mana jirin turjubaan, sidaas darteed wiilkayga oo 12 jir ah "
             "ayaa u turjumay dhakhtarka. Dhakhtarku wuxuu ka hadlay daawooyin iyo natiijooyin baaritaan oo ilmuhu "
             "aanu fahmin. Waxaan codsanayaa in rugaha caafimaadku ay had iyo jeer bixiyaan turjubaan xirfad leh.",
        contact=ContactDetails(name="Hodan Warsame", email="", phone="+15025550117", preferred_language="so"),
    ),
    DemoConcern(
        language="sw", category="housing", days_ago=35, status=Status.REFERRED,
        neighbourhood="Shively", occurred_days_earlier=None,
        body="Mwenye nyumba ameongeza kodi kwa dola 200 kwa mwezi bila taarifa ya maandishi. Dirisha la chumba cha "
             "watoto limevunjika tangu majira ya baridi na hajalitengeneza. Tunaogopa kulalamika kwa sababu anasema "
             "atatufukuza.",
    ),
    DemoConcern(
        language="sw", category="city-services", days_ago=6, status=Status.RECEIVED,
        neighbourhood="Okolona", occurred_days_earlier=None,
        body="Ninafanya kazi zamu ya usiku katika ghala karibu na uwanja wa ndege, lakini basi la mwisho linaondoka "
             "saa nne usiku. Mara nyingi natembea zaidi ya saa moja gizani kurudi nyumbani. Tunaomba njia ya basi au "
             "usafiri wa usiku kwa wafanyakazi wa zamu.",
    ),
    DemoConcern(
        language="rw", category="schools", days_ago=22, status=Status.IN_REVIEW,
        neighbourhood="South End", occurred_days_earlier=5,
        body="Ishuri ry'umwana wanjye rihora ryohereza amabaruwa mu Cyongereza gusa, kandi sinshobora kumenya ibyo "
             "basaba. Mu cyumweru gishize sinamenye ko hari inama y'ababyeyi. Turasaba ko amatangazo y'ingenzi "
             "yahindurwa mu Kinyarwanda cyangwa ko hakabaho umusemuzi kuri telefoni.",
    ),
    DemoConcern(
        language="ne", category="health-care", days_ago=40, status=Status.IN_RECOMMENDATION,
        neighbourhood="Fern Creek", occurred_days_earlier=6,
        body="मेरा बुबाआमा वृद्ध हुनुहुन्छ र अङ्ग्रेजी बोल्नुहुन्न। क्लिनिकमा फोनबाट दोभाषे राखिन्छ तर आवाज राम्रोसँग "
             "सुनिँदैन र धेरैपटक लाइन काटिन्छ। औषधि कसरी खाने भन्ने कुरा बुझ्न गाह्रो भयो। कृपया नेपाली दोभाषे भिडियो "
             "वा प्रत्यक्ष रूपमा उपलब्ध गराइदिनुहोस्।",
    ),
    DemoConcern(
        language="ne", category="safety", days_ago=3, status=Status.RECEIVED,
        neighbourhood="फर्न क्रिक", occurred_days_earlier=None,
        body="हाम्रो अपार्टमेन्ट नजिकको बाटोमा बत्ती छैन र राति निकै अँध्यारो हुन्छ। पछिल्लो महिना तीनवटा कारका सिसा "
             "फुटाइए। बच्चाहरू बस बिसौनीसम्म हिँडेर जान डराउँछन्। कृपया सडक बत्ती मर्मत गरिदिनुहोस्।",
    ),
    DemoConcern(
        language="fa-AF", category="language-access", days_ago=28, status=Status.CLOSED,
        neighbourhood="Beechmont", occurred_days_earlier=2,
        body="برای درخواست کمک در پرداخت بل برق به دفتر شهر رفتم. گفتند که ترجمان دری ندارند و یک ترجمان فارسی ایرانی "
             "را از طریق تلفون وصل کردند، ولی بسیاری از کلمات را نفهمیدم. فورمه‌ها هم فقط به انگلیسی و اسپانیایی بود. "
             "لطفاً ترجمان دری و فورمه‌ها به زبان دری فراهم کنید.",
        contact=ContactDetails(
            name="Zahra Ahmadi", email="zahra.ahmadi@example.org", phone="", preferred_language="fa-AF"
        ),
        reply="از پیام شما تشکر. ما با آن دفتر صحبت کردیم و از این به بعد هنگام درخواست ترجمان تلفونی، ترجمان دری "
              "خواسته می‌شود. فورمهٔ کمک برای بل برق اکنون به زبان دری ترجمه شده و در دفتر و ویب‌سایت شهر موجود است.",
    ),
    DemoConcern(
        language="fa-AF", category="housing", days_ago=47, status=Status.IN_RECOMMENDATION,
        neighbourhood="Newburg", occurred_days_earlier=None,
        body="ما هفت نفر در یک آپارتمان دو اتاقه زندگی می‌کنیم، چون کرایهٔ خانه‌های بزرگتر خیلی بلند است. صاحب خانهٔ "
             "قبلی پول پیش (دیپازیت) ما را پس نداد و هیچ دلیلی هم نگفت. نمی‌دانیم از کجا کمک بخواهیم.",
    ),
    DemoConcern(
        language="fa-AF", category="police-immigration", days_ago=15, status=Status.IN_REVIEW,
        neighbourhood="Hikes Point", occurred_days_earlier=3,
        body="وقتی دیدیم موترهای پولیس شهر همراه مأموران ICE در کوچهٔ ما ایستاده بودند، همه ترسیدیم. مردم ما از جنگ و "
             "ناامنی آمده‌اند و دیدن این صحنه برای اطفال ما بسیار سخت بود. می‌خواهیم پولیس شهر به مسجد یا مرکز "
             "اجتماعی بیاید و توضیح بدهد که چه وقت با ICE همکاری می‌کند.",
    ),
    DemoConcern(
        language="ps", category="schools", days_ago=19, status=Status.IN_REVIEW,
        neighbourhood="Highview", occurred_days_earlier=None,
        body="زما لور په شپږم ټولګي کې ده او لا تر اوسه په انګلیسي ښه نه پوهیږي. ښوونځی د ژبې د زده کړې لپاره کافي "
             "مرسته نه ورکوي، او ښوونکي له موږ سره خبرې نشي کولی ځکه چې پښتو ژباړونکی نشته. غواړو چې ښوونځی د "
             "والدینو لپاره پښتو ژباړونکی ولري.",
    ),
    DemoConcern(
        language="ps", category="city-services", days_ago=9, status=Status.RECEIVED,
        neighbourhood="Highview", occurred_days_earlier=None,
        body="موږ نوي دې ښار ته راغلي یو او نه پوهیږو چې د کثافاتو د ټولولو ورځې کومې دي او څه شی چېرته واچوو. ټولې "
             "خبرتیاوې یوازې په انګلیسي دي او ګاونډیان له موږ څخه خفه دي. که ښار دا معلومات په پښتو او دري ژبو کې له "
             "انځورونو سره چاپ کړي، ډېر ګټور به وي.",
    ),
    DemoConcern(
        language="fr", category="discrimination", days_ago=33, status=Status.IN_REVIEW,
        neighbourhood="Portland", occurred_days_earlier=4,
        body="J'ai appelé pour visiter un appartement à louer. Quand l'agent a entendu mon accent et mon nom, il m'a "
             "dit que l'appartement n'était plus disponible, mais l'annonce est restée en ligne pendant deux "
             "semaines. Un ami américain a appelé le lendemain et on lui a proposé une visite. Je voudrais savoir si "
             "c'est de la discrimination et à qui je peux le signaler.",
    ),
    DemoConcern(
        language="vi", category="work-wages", days_ago=24, status=Status.REFERRED,
        neighbourhood="South End", occurred_days_earlier=None,
        body="Tôi làm việc trong bếp của một nhà hàng, mỗi tuần hơn 55 giờ nhưng chủ chỉ trả lương cố định, không có "
             "tiền làm thêm giờ. Khi tôi hỏi thì chủ nói đó là quy định của quán. Tôi muốn biết quyền lợi của người "
             "lao động và có nơi nào giúp đỡ bằng tiếng Việt không.",
    ),
    DemoConcern(
        language="uk", category="language-access", days_ago=13, status=Status.IN_REVIEW,
        neighbourhood="Fern Creek", occurred_days_earlier=None,
        body="Ми з родиною живемо тут уже пів року. Коли я телефоную на міську лінію 311, мене щоразу просять говорити "
             "англійською або чекати на перекладача понад двадцять хвилин. Для людей похилого віку це дуже важко. "
             "Чи можна додати українську мову в автовідповідач або швидше з'єднувати з перекладачем?",
    ),
    DemoConcern(
        language="rn", category="language-access", days_ago=9, status=Status.RECEIVED,
        neighbourhood="Newburg", occurred_days_earlier=3,
        body="Twagiye ku ishure kuvugana n'umwigisha w'umwana wacu, ariko nta musobanuzi w'Ikirundi yari ahari. "
             "Umwana wacu w'imyaka icumi ni we yasobanuye ivyo umwigisha yavuga ku manota yiwe. Turasaba ko ishure "
             "rironka umusobanuzi w'Ikirundi canke uw'Igiswahili ku nama z'abavyeyi.",
    ),
    DemoConcern(
        language="my", category="housing", days_ago=15, status=Status.IN_REVIEW,
        neighbourhood="Iroquois", occurred_days_earlier=None,
        body="ကျွန်ုပ်တို့ တိုက်ခန်းတွင် အပူပေးစက် နှစ်ပတ်ကြာ ပျက်နေပါသည်။ အိမ်ရှင်ကို သုံးကြိမ် ပြောခဲ့သော်လည်း "
             "ပြင်မပေးသေးပါ။ ကလေးငယ် နှစ်ယောက် ရှိပြီး ညဘက် အလွန် အေးပါသည်။ မြန်မာဘာသာဖြင့် ကူညီပေးနိုင်သူ ရှိပါသလား။",
    ),
    DemoConcern(
        language="ht", category="work-wages", days_ago=21, status=Status.REFERRED,
        neighbourhood="Okolona", occurred_days_earlier=10,
        body="Mwen travay nan yon depo pandan twa mwa. Patwon an pa peye m pou dènye de semèn yo, epi li di m si m "
             "plenyen li pral rele imigrasyon. Mwen pè, men mwen bezwen lajan sa a pou lwaye. Ki moun ki ka ede m?",
    ),
    DemoConcern(
        language="ti", category="health-care", days_ago=6, status=Status.RECEIVED,
        neighbourhood="Hikes Point", occurred_days_earlier=2,
        body="ኣደይ ናብ ሆስፒታል ምስ ከደት ናይ ትግርኛ ተርጓሚ ኣይነበረን። ሓኪም ብዛዕባ መድሃኒት ዝበሎ ኣይተረድኣን። "
             "ሆስፒታላት ብተሌፎን ናይ ትግርኛ ተርጓሚ ክህልዎም ንሓትት።",
    ),
    DemoConcern(
        language="en", category="discrimination", days_ago=36, status=Status.CLOSED,
        neighbourhood="Beechmont", occurred_days_earlier=1,
        body="Someone spray-painted hateful words about immigrants and Muslims on the community garden shed on "
             "Preston Glen Road. Kids from the apartments saw it on their way to school before anyone could cover it. "
             "The city painted over it after four days, but neighbours want to know whether it was reported and what "
             "the city is doing so that everyone feels safe here.",
    ),
)

FEEDBACK: tuple[DemoFeedback, ...] = (
    DemoFeedback(
        meeting="police", language="en", days_ago=18, status=Status.IN_REVIEW,
        usefulness=4, felt_heard=3, interpretation=Interpretation.NOT_NEEDED,
        act_on="Police leaders said city officers do not ask about immigration status, but several people described "
               "officers standing by during ICE arrests. The city should put its policy in writing and publish it in "
               "all the languages spoken here.",
        improvement="Start on time and leave more time for residents' questions than for presentations. Small-group "
                    "tables would help people who are nervous about speaking in front of police.",
    ),
    DemoFeedback(
        meeting="police", language="es", days_ago=17, status=Status.IN_REVIEW,
        usefulness=3, felt_heard=2, interpretation=Interpretation.PARTLY,
        act_on="Que la policía de la ciudad se comprometa por escrito a no ayudar a ICE en operativos en casas, "
               "escuelas ni iglesias. Y que nos expliquen cómo denunciar si un policía pregunta por la situación "
               "migratoria de alguien.",
        improvement="La intérprete de español era buena, pero a veces hablaban dos personas al mismo tiempo y no se "
                    "entendía nada. Por favor, usen micrófono y hablen uno a la vez.",
    ),
    DemoFeedback(
        meeting="police", language="ar", days_ago=16, status=Status.RECEIVED,
        usefulness=4, felt_heard=4, interpretation=Interpretation.YES,
        act_on="نشكر المدينة على تنظيم هذا اللقاء. نطلب أن تعقد الشرطة لقاءات منتظمة في المسجد والمراكز المجتمعية، وأن "
               "تنشر رقم هاتف بالعربية للإبلاغ عن المشاكل.",
        improvement="كانت الترجمة العربية جيدة، لكن الوقت كان قصيراً ولم يتمكن كثير من الناس من طرح أسئلتهم. نقترح "
                    "توزيع استمارة لكتابة الأسئلة.",
    ),
    DemoFeedback(
        meeting="police", language="so", days_ago=15, status=Status.IN_REVIEW,
        usefulness=3, felt_heard=3, interpretation=Interpretation.PARTLY,
        act_on="Waxaan rabnaa in booliska magaaladu ay si cad u sheegaan inaysan ka caawin doonin ICE guryaha dadka. "
               "Sidoo kale warbixinta kulanka ha lagu daabaco af Soomaali.",
        improvement="Turjubaanka Soomaaliga wuxuu fadhiyey meel fog, dadka qaarkiisna ma maqlin. Fadlan keena "
                    "makarafoon ama dhegaha lagu xirto.",
    ),
    DemoFeedback(
        meeting="police", language="fa-AF", days_ago=12, status=Status.RECEIVED,
        usefulness=2, felt_heard=2, interpretation=Interpretation.PARTLY,
        act_on="پولیس گفت که با ICE همکاری نمی‌کند، اما ما دیدیم که موترهای پولیس آنجا بودند. شهر باید یک جلسهٔ "
               "جداگانه با خانواده‌های افغان برگزار کند و به سوالات ما جواب روشن بدهد.",
        improvement="جلسه در شب روز کاری بود و بسیاری از مردم نتوانستند بیایند. ترجمان دری تنها یک نفر بود. لطفاً "
                    "جلسهٔ بعدی را روز شنبه بگذارید و ترجمان بیشتر بیاورید.",
    ),
    DemoFeedback(
        meeting="tenants", language="uk", days_ago=48, status=Status.CLOSED,
        usefulness=5, felt_heard=4, interpretation=Interpretation.YES,
        act_on="Дуже корисна зустріч. Прошу місто перекласти українською пам'ятку про права орендарів і список "
               "організацій, які допомагають із ремонтом і поверненням депозиту.",
        improvement="Наступного разу варто зробити окрему консультацію для тих, у кого договір оренди лише на кілька "
                    "місяців, бо в нас інші умови.",
        contact=ContactDetails(
            name="Olena Kovalenko", email="olena.kovalenko@example.org", phone="", preferred_language="uk"
        ),
    ),
    DemoFeedback(
        meeting="tenants", language="rw", days_ago=47, status=Status.IN_RECOMMENDATION,
        usefulness=4, felt_heard=4, interpretation=Interpretation.YES, source=Source.PAPER,
        act_on="Turashaka ko umujyi ugenzura amazu afite ibibazo by'ubushyuhe n'amazi mu nyubako zacu. Ba nyir'amazu "
               "ntibakemura ibibazo iyo tubibabwiye.",
        improvement="Umusemuzi w'Ikinyarwanda yari mwiza. Inama yatangiye itinze, kandi bamwe bagombaga gutaha kare "
                    "kubera akazi.",
    ),
    DemoFeedback(
        meeting="tenants", language="ps", days_ago=45, status=Status.REFERRED,
        usefulness=3, felt_heard=2, interpretation=Interpretation.NO,
        act_on="د کرایې قراردادونه یوازې په انګلیسي دي او موږ نه پوهیږو چې څه لاسلیک کوو. ښار دې د کرایه دارانو لپاره "
               "د قرارداد ساده لارښود په پښتو ژبه جوړ کړي.",
        improvement="په غونډه کې پښتو ژباړونکی نه و، زه د خپل ګاونډي په مرسته پوه شوم. راتلونکې ځل مهرباني وکړئ پښتو "
                    "او دري ژباړونکي راولئ.",
    ),
)
DEMO_SUBMISSIONS: tuple[DemoConcern | DemoFeedback, ...] = (*CONCERNS, *FEEDBACK)


def _demo_counts(db_session: Session) -> tuple[int, int]:
    meetings = db_session.scalar(select(func.count()).select_from(Meeting).where(Meeting.is_demo))
    submissions = db_session.scalar(select(func.count()).select_from(Submission).where(Submission.is_demo))
    return meetings or 0, submissions or 0


def _remove_demo_data(db_session: Session) -> tuple[int, int]:
    """Delete demo submissions (contacts and replies cascade), then demo meetings."""
    submissions = delete_submissions(db_session, list(db_session.scalars(select(Submission.id)
                                                                          .where(Submission.is_demo))))
    db_session.flush()  # submissions point at meetings, so they go first
    meetings = db_session.scalars(select(Meeting).where(Meeting.is_demo)).all()
    for meeting in meetings:
        db_session.delete(meeting)
    db_session.flush()
    return len(meetings), submissions


def _meeting_start(now: datetime, days_from_now: int) -> datetime:
    day = now + timedelta(days=days_from_now)
    return day.replace(hour=MEETING_HOUR_UTC, minute=MEETING_MINUTE_UTC, second=0, microsecond=0)


def _add_meetings(db_session: Session, now: datetime) -> dict[str, Meeting]:
    meetings = {}
    for demo in MEETINGS:
        starts_at = _meeting_start(now, demo.days_from_now)
        opens_at, closes_at = default_feedback_window(starts_at)
        meeting = Meeting(
            title=dict(demo.title),
            description=dict(demo.description),
            starts_at=starts_at,
            ends_at=starts_at + MEETING_LENGTH,
            place=demo.place,
            organisers=demo.organisers,
            interpreted_languages=list(demo.interpreted_languages),
            feedback_opens_at=opens_at,
            feedback_closes_at=closes_at,
            partners=demo.partners,
            cancelled_at=now - timedelta(days=2) if demo.cancelled else None,
            is_demo=True,
            created_at=starts_at - timedelta(days=21),
        )
        if demo.report is not None:
            meeting.attendance = demo.report.attendance
            meeting.organisations_present = demo.report.organisations_present
            meeting.summary = dict(demo.report.summary)
            meeting.reported_at = min(starts_at + timedelta(days=3), now)
        db_session.add(meeting)
        meetings[demo.key] = meeting
    return meetings


def _mark_as_demo(db_session: Session, submission: Submission, created_at: datetime, status: Status,
                  reply: str | None, now: datetime) -> None:
    """Backdate a freshly recorded submission, give it its status and, if any, a staff reply."""
    submission.is_demo = True
    submission.status = status
    submission.created_at = created_at
    submission.updated_at = created_at if status is Status.RECEIVED else min(created_at + STATUS_CHANGED_AFTER, now)
    if submission.contact is not None:
        submission.contact.consented_at = created_at
    if reply is not None:
        db_session.add(Reply(submission=submission, body=reply, language=submission.language,
                             created_at=min(created_at + REPLY_AFTER, now)))


def _created_at(now: datetime, days_ago: int, index: int) -> datetime:
    return now - timedelta(days=days_ago, hours=(index * 5) % 10)  # vary the hour a little


def _add_concerns(db_session: Session, now: datetime, categories: dict[str, Category]) -> int:
    for index, demo in enumerate(CONCERNS):
        created_at = _created_at(now, demo.days_ago, index)
        occurred_on: date | None = None
        if demo.occurred_days_earlier is not None:
            occurred_on = (created_at - timedelta(days=demo.occurred_days_earlier)).date()
        submission = record_concern(
            db_session,
            language=demo.language,
            category=categories[demo.category],
            body=demo.body,
            neighbourhood=demo.neighbourhood,
            occurred_on=occurred_on,
            contact=demo.contact,
            source=demo.source,
        )
        _mark_as_demo(db_session, submission, created_at, demo.status, demo.reply, now)
    return len(CONCERNS)


def _add_feedback(db_session: Session, now: datetime, meetings: dict[str, Meeting]) -> int:
    for index, demo in enumerate(FEEDBACK):
        answers = FeedbackAnswers(
            usefulness=demo.usefulness,
            felt_heard=demo.felt_heard,
            interpretation=demo.interpretation,
            act_on=demo.act_on,
            improvement=demo.improvement,
        )
        submission = record_meeting_feedback(
            db_session,
            meeting=meetings[demo.meeting],
            language=demo.language,
            answers=answers,
            contact=demo.contact,
            source=demo.source,
        )
        _mark_as_demo(db_session, submission, _created_at(now, demo.days_ago, index), demo.status, demo.reply, now)
    return len(FEEDBACK)


def seed_demo_data(db_session: Session, *, reset: bool) -> str:
    """Add demo meetings and submissions marked is_demo=True; returns a one-paragraph summary."""
    ensure_default_categories(db_session)
    set_demo_office(db_session)
    db_session.flush()

    existing_meetings, existing_submissions = _demo_counts(db_session)
    removed = ""
    if existing_meetings or existing_submissions:
        if not reset:
            return (
                f"Demo data is already there ({existing_meetings} demo meetings, {existing_submissions} demo "
                "submissions); nothing was added, so this is safe to run again. Use --reset to replace it."
            )
        remove_demo_reports(db_session)  # their evidence points at demo submissions
        remove_demo_themes(db_session)
        removed_meetings, removed_submissions = _remove_demo_data(db_session)
        remove_empty_suggestions(db_session)
        removed = f"Removed {removed_meetings} demo meetings and {removed_submissions} demo submissions. "

    now = datetime.now(UTC)
    categories = {category.slug: category for category in db_session.scalars(select(Category))}
    meetings = _add_meetings(db_session, now)
    added = _add_concerns(db_session, now, categories) + _add_feedback(db_session, now, meetings)
    db_session.flush()
    report = add_demo_report(db_session, now)  # gives demo submissions a redacted text, and quotes some
    themes = add_demo_themes(db_session, report)
    add_final_demo_report(db_session, now)  # the same recommendations, final and tracked, shown on /outcomes

    languages = {demo.language for demo in DEMO_SUBMISSIONS}
    with_contact = sum(demo.contact is not None for demo in DEMO_SUBMISSIONS)
    with_reply = sum(demo.reply is not None for demo in DEMO_SUBMISSIONS)
    return (
        f"{removed}Added {len(meetings)} demo meetings and {added} demo submissions in {len(languages)} languages "
        f"({len(CONCERNS)} concerns, {len(FEEDBACK)} pieces of meeting feedback; {with_contact} with follow-up "
        f"contact details, {with_reply} with a staff reply), a draft report with "
        f"{len(RECOMMENDATIONS)} recommendations resting on {themes} themes and a final one whose recommendations "
        "are tracked and published, all marked as demo data."
    )
