"""A labelled set for the theme suggestions: 60 messages in 11 languages, each with the English a person would have
written for it, sorted by hand into 10 themes. Written for this benchmark; the texts are invented but say what
residents of the portal say (bench/README.md, "Themes").

Each entry: (theme, language, the resident's words, English translation). English entries translate to themselves.
"""
from __future__ import annotations

LABELLED: list[tuple[str, str, str, str]] = [
    # police working with immigration agents
    ("police-ice", "en", "Police officers stood by while immigration agents came to our building.",
     "Police officers stood by while immigration agents came to our building."),
    ("police-ice", "es", "La policía ayudó a los agentes de inmigración a entrar en nuestra casa.",
     "The police helped the immigration agents get into our home."),
    ("police-ice", "so", "Booliska ayaa la shaqeynayay wakiillada socdaalka markii ay deriskayaga qabteen.",
     "The police were working with the immigration agents when they arrested our neighbour."),
    ("police-ice", "ar", "رأيت الشرطة تساعد عملاء الهجرة في إيقاف الناس في الشارع.",
     "I saw the police helping immigration agents stop people on the street."),
    ("police-ice", "fr", "Nous avons peur d'appeler la police car elle travaille avec les agents de l'immigration.",
     "We are afraid to call the police because they work with immigration agents."),
    ("police-ice", "vi", "Cảnh sát đã giúp nhân viên di trú bắt người hàng xóm của tôi.",
     "The police helped immigration officers detain my neighbour."),
    # interpreters at community meetings
    ("interpreters", "es", "No había intérprete de español en la reunión comunitaria.",
     "There was no Spanish interpreter at the community meeting."),
    ("interpreters", "so", "Kulanka bulshada turjubaan Soomaali ah ma joogin.",
     "There was no Somali interpreter at the community meeting."),
    ("interpreters", "ar", "المترجم في الاجتماع لم يترجم كل ما قاله المسؤولون.",
     "The interpreter at the meeting did not translate everything the officials said."),
    ("interpreters", "uk", "На зустрічі не було перекладача українською, і я нічого не зрозуміла.",
     "There was no Ukrainian interpreter at the meeting and I understood nothing."),
    ("interpreters", "sw", "Tunahitaji mkalimani wa Kiswahili kwenye mikutano ya jiji.",
     "We need a Swahili interpreter at the city meetings."),
    ("interpreters", "en", "Please bring interpreters to every community meeting, not only for Spanish.",
     "Please bring interpreters to every community meeting, not only for Spanish."),
    # landlords and repairs
    ("housing", "es", "El dueño no arregla la calefacción y tenemos niños pequeños.",
     "The landlord does not fix the heating and we have small children."),
    ("housing", "fr", "Notre propriétaire refuse de réparer la moisissure dans l'appartement.",
     "Our landlord refuses to repair the mould in the apartment."),
    ("housing", "ar", "صاحب البيت يهددنا بالطرد إذا اشتكينا من الإصلاحات.",
     "The landlord threatens to evict us if we complain about repairs."),
    ("housing", "en", "My landlord raised the rent again and will not repair the broken heating.",
     "My landlord raised the rent again and will not repair the broken heating."),
    ("housing", "vi", "Chủ nhà không sửa ống nước bị rò rỉ trong căn hộ của chúng tôi.",
     "The landlord does not repair the leaking pipes in our apartment."),
    ("housing", "so", "Milkiilaha gurigu wuxuu noogu hanjabay inuu na saari doono haddii aan cabanno.",
     "The landlord threatened to evict us if we complain."),
    # buses
    ("buses", "es", "El autobús pasa solo cada hora y llego tarde al trabajo.",
     "The bus only comes every hour and I am late for work."),
    ("buses", "en", "There is no bus on Sundays to the east side, so I cannot get to my job.",
     "There is no bus on Sundays to the east side, so I cannot get to my job."),
    ("buses", "sw", "Basi haliji kwa wakati na tunachelewa kazini kila siku.",
     "The bus does not come on time and we are late for work every day."),
    ("buses", "ne", "बस समयमा आउँदैन, त्यसैले म कामको लागि ढिलो हुन्छु।",
     "The bus does not come on time, so I am late for work."),
    ("buses", "uk", "Автобусний маршрут до лікарні скасували, і тепер ми ходимо пішки.",
     "The bus route to the hospital was cancelled and now we walk."),
    ("buses", "fr", "Les horaires des bus ne sont affichés qu'en anglais.",
     "Bus timetables are only posted in English."),
    # school enrolment
    ("schools", "es", "La escuela pidió documentos que no tenemos para inscribir a mi hijo.",
     "The school asked for documents we do not have to enrol my son."),
    ("schools", "ar", "المدرسة لا ترسل الرسائل إلا باللغة الإنجليزية ولا أفهمها.",
     "The school only sends letters in English and I do not understand them."),
    ("schools", "so", "Iskuulku wuxuu diiday inuu diiwaangeliyo gabadhayda.",
     "The school refused to enrol my daughter."),
    ("schools", "fa-AF", "مکتب برای ثبت نام پسرم اسناد زیادی خواست.",
     "The school asked for many documents to enrol my son."),
    ("schools", "en", "Parents need help enrolling their children in school when they arrive.",
     "Parents need help enrolling their children in school when they arrive."),
    ("schools", "vi", "Trường học không có ai nói tiếng Việt để giúp phụ huynh đăng ký cho con.",
     "The school has nobody who speaks Vietnamese to help parents enrol their children."),
    # clinics and health care
    ("clinic", "es", "En la clínica no me dieron un intérprete médico y no entendí al doctor.",
     "At the clinic they did not give me a medical interpreter and I did not understand the doctor."),
    ("clinic", "ne", "अस्पतालमा नेपाली दोभाषे थिएन र डाक्टरको कुरा बुझिन।",
     "There was no Nepali interpreter at the hospital and I did not understand the doctor."),
    ("clinic", "ar", "العيادة طلبت منا دفع المال قبل أن يرى الطبيب طفلي المريض.",
     "The clinic asked us to pay before the doctor would see my sick child."),
    ("clinic", "en", "The health clinic is too expensive and the wait for a doctor is three months.",
     "The health clinic is too expensive and the wait for a doctor is three months."),
    ("clinic", "rw", "Ivuriro ntiryatwakiriye kubera ko tutari dufite ubwishingizi.",
     "The clinic did not see us because we did not have insurance."),
    ("clinic", "uk", "Лікар у клініці не мав перекладача, і мені не пояснили ліки.",
     "The doctor at the clinic had no interpreter and nobody explained the medicine to me."),
    # unpaid wages
    ("wages", "es", "Mi patrón no me pagó las últimas dos semanas de trabajo.",
     "My employer did not pay me for the last two weeks of work."),
    ("wages", "en", "The restaurant owner keeps our tips and does not pay overtime.",
     "The restaurant owner keeps our tips and does not pay overtime."),
    ("wages", "so", "Shaqo-bixiyahaygu ma uusan i siin mushaharkii bishii la soo dhaafay.",
     "My employer did not give me last month's wages."),
    ("wages", "vi", "Chủ tiệm nail không trả lương đủ cho chúng tôi.",
     "The nail salon owner does not pay us our full wages."),
    ("wages", "fr", "Mon employeur ne me paie pas les heures supplémentaires.",
     "My employer does not pay me for overtime."),
    ("wages", "sw", "Mwajiri wangu hajanilipa mshahara wa mwezi mzima.",
     "My employer has not paid me a whole month's wages."),
    # meeting times and childcare
    ("meeting-times", "es", "Las reuniones son a las dos de la tarde cuando estamos trabajando.",
     "The meetings are at two in the afternoon when we are working."),
    ("meeting-times", "en", "Hold the meetings in the evening or on weekends so working parents can come.",
     "Hold the meetings in the evening or on weekends so working parents can come."),
    ("meeting-times", "ar", "لا أستطيع حضور الاجتماعات لأنه لا توجد رعاية للأطفال.",
     "I cannot attend the meetings because there is no childcare."),
    ("meeting-times", "so", "Kulamada waxay dhacaan saacadaha shaqada, ma imaan karno.",
     "The meetings happen during working hours, we cannot come."),
    ("meeting-times", "fa-AF", "لطفاً جلسات را شب‌ها برگزار کنید تا کارگران هم بیایند.",
     "Please hold the meetings in the evenings so workers can come too."),
    ("meeting-times", "uk", "Будь ласка, організуйте догляд за дітьми під час зустрічей.",
     "Please organise childcare during the meetings."),
    # street lights and safety at night
    ("street-lights", "en", "The street lights on our block have been broken for months and it is dark at night.",
     "The street lights on our block have been broken for months and it is dark at night."),
    ("street-lights", "es", "Las luces de la calle no funcionan y da miedo caminar de noche.",
     "The street lights do not work and it is scary to walk at night."),
    ("street-lights", "fr", "Il n'y a pas d'éclairage dans la rue près de l'arrêt de bus la nuit.",
     "There is no street lighting near the bus stop at night."),
    ("street-lights", "vi", "Đèn đường gần nhà tôi bị hỏng, buổi tối rất tối và nguy hiểm.",
     "The street light near my house is broken, in the evening it is very dark and dangerous."),
    ("street-lights", "sw", "Taa za barabarani hazifanyi kazi usiku na watoto wanaogopa.",
     "The street lights do not work at night and the children are afraid."),
    ("street-lights", "ne", "हाम्रो सडकको बत्ती बिग्रिएको छ र राति अँध्यारो हुन्छ।",
     "The light on our street is broken and it is dark at night."),
    # rubbish collection
    ("rubbish", "es", "No recogen la basura en nuestra calle desde hace tres semanas.",
     "They have not collected the rubbish on our street for three weeks."),
    ("rubbish", "ar", "القمامة لا تُجمع في حيّنا والرائحة سيئة جداً.",
     "The rubbish is not collected in our neighbourhood and the smell is very bad."),
    ("rubbish", "en", "Garbage pickup skipped our apartments again and the bins are overflowing.",
     "Garbage pickup skipped our apartments again and the bins are overflowing."),
    ("rubbish", "so", "Qashinka laguma qaado xaafaddayada, jiirkuna wuu badan yahay.",
     "The rubbish is not collected in our neighbourhood and there are many rats."),
    ("rubbish", "uk", "Сміття біля нашого будинку не вивозять уже два тижні.",
     "The rubbish near our building has not been collected for two weeks."),
    ("rubbish", "rw", "Imyanda ntabwo ikusanywa mu gace kacu, kandi irimo kunuka.",
     "The rubbish is not collected in our area, and it smells."),
]


def near_duplicate_set() -> list[tuple[str, str, str]]:
    """(group, language, text): each of the first 20 messages with two copies changed as residents change a text
    they send again (a word added, punctuation and case changed, a typo), labelled with the message's group; the
    other 40 messages stand alone."""
    entries = []
    for number, (_theme, language, original, _english) in enumerate(LABELLED):
        group = f"message-{number}"
        entries.append((group, language, original))
        if number < 20:
            entries.append((group, language, original.upper().rstrip(".") + "!!"))
            words = original.split()
            words.insert(len(words) // 2, words[len(words) // 2])  # a word said twice
            entries.append((group, language, " ".join(words)[:-1] + " ."))
    return entries
