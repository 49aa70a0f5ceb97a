"""The demo's 26 guides: short and plain, one stage of a group's life each. Made up for the
demo, but written to be useful: a newcomer can read what a group would read."""

GUIDES = [
    # slug, stage, title, summary, body
    ("your-first-meeting", "starting_out", "Your first meeting",
     "What to sort out before, during and after the first time you meet.",
     "## Before\n\n- Pick a place that is free, step-free and near a bus stop.\n"
     "- Say clearly who it is for and what will happen.\n\n## On the day\n\n"
     "Start with tea. Agree two or three ground rules together, such as *what is said here "
     "stays here*.\n\n## After\n\nWrite down who came (first names are enough) and what "
     "you agreed. Ask one other person to help next time."),
    ("how-your-group-makes-decisions", "starting_out", "How your group makes decisions",
     "A simple, written way of deciding things saves arguments later.",
     "Most small groups decide by talking until everyone can live with the answer. "
     "That works, as long as people know it.\n\n- Write down who can decide what: "
     "day-to-day things, money, who speaks for the group.\n- Say what happens when you "
     "cannot agree (a vote of those present is fine).\n- Look at it again once a year.\n\n"
     "You do not need a constitution to do this. One page is enough."),
    ("do-you-need-a-constitution", "starting_out", "Do you need a constitution?",
     "Often not at first. When it starts to matter, and what a simple one says.",
     "You can run a group, and get small grants on Flourish, without one. You will want "
     "one when a funder or bank asks, or when you hold money for more than a few months.\n\n"
     "A simple constitution says what the group is for, who can be a member, how you make "
     "decisions and what happens to money if the group ends. Local infrastructure bodies "
     "have free templates."),
    ("your-first-small-grant", "getting_money", "Your first small grant",
     "Small grants are short: say what you will do, who it helps and what it costs.",
     "Funders of small grants want to hear in your own words:\n\n1. What you want to do.\n"
     "2. Who it helps, and how you know they want it.\n3. Roughly what it costs.\n\n"
     "Keep the costs simple: room hire, travel, food, materials. It is fine to ask for "
     "money for the time people give."),
    ("asking-for-money-by-phone", "getting_money", "Applying by phone or in person",
     "You can apply without writing anything down.",
     "Many funders on Flourish take applications by phone or video. Someone from the fund "
     "writes your answers down with you and reads them back.\n\nHave a rough idea of what "
     "it will cost. If you need a break, say so: you can carry on another day."),
    ("holding-money-without-a-bank-account", "holding_money",
     "Holding money without a bank account",
     "A holding partner keeps your grant and pays things for you. Here is how it works.",
     "A **holding partner** is a local organisation that looks after a grant for a group "
     "that has no bank account of its own.\n\n## How it works\n\n- The funder pays the "
     "money to the holding partner.\n- You ask the partner to pay a bill, or to pass money "
     "to you for something agreed.\n- Keep every receipt and give a copy to the partner.\n\n"
     "## What to agree first\n\nHow you ask for money, how fast they pay, and who in your "
     "group can ask. Write it down in a short email."),
    ("opening-a-bank-account", "holding_money", "Opening a bank account for your group",
     "What banks ask for, and what to do if they say no.",
     "Most banks want a constitution, two people who can sign, and proof of address for "
     "each of them. Some charge fees; community accounts often do not.\n\nIf a bank says "
     "no, ask a holding partner to help in the meantime."),
    ("keeping-simple-money-records", "spending", "Keeping simple money records",
     "One list of money in and out, with receipts, is all most groups need.",
     "Use a notebook or a spreadsheet with four columns: **date**, **what**, **money in**, "
     "**money out**.\n\n- Keep every receipt in one envelope or folder, numbered to match "
     "the list.\n- Add it up once a month.\n- Show it at a meeting, so everyone can see "
     "where the money went."),
    ("two-people-for-money", "spending", "Two people for money",
     "Why two people should know where the money is, and how to share it simply.",
     "When only one person knows about the money, it is hard for them and risky for the "
     "group. Ask a second person to check the list and receipts every month and sign it. "
     "This protects the person doing the work as much as the group."),
    ("receipts-and-invoices", "spending", "Receipts and invoices",
     "What to keep when someone pays you, and what to give them.",
     "When a person pays you from their personal budget, give them a receipt with: your "
     "group's name, the date, what it was for, how much, and who received it.\n\nKeep a "
     "copy. An invoice is the same, sent before they pay."),
    ("safeguarding-when-someone-new-helps", "safeguarding",
     "Safeguarding when someone new helps",
     "Simple steps when a new volunteer or mentor starts.",
     "- Meet them first and talk through what they will do.\n- Agree who they can talk "
     "to if they are worried about someone.\n- For work alone with people at risk, ask "
     "your local infrastructure body whether a DBS check is needed.\n\nWrite down what you "
     "agreed and keep it with your group's papers."),
    ("what-to-do-if-someone-is-at-risk", "safeguarding",
     "What to do if someone is at risk",
     "Listen, do not promise secrecy, and know who to call.",
     "If someone tells you they or another person are at risk of harm:\n\n1. Listen and "
     "take it seriously.\n2. Do not promise to keep it secret.\n3. If there is danger now, "
     "call 999.\n4. Otherwise, tell your group's safeguarding lead and write down what was "
     "said, in their words.\n\nLook after yourself afterwards: talk it through with someone."),
    ("writing-a-safeguarding-policy", "safeguarding", "Writing a safeguarding policy",
     "A short policy your group can actually use.",
     "A good policy fits on two pages. It says who your safeguarding lead is, what people "
     "should do if they are worried, and the numbers to call. Start from a template and "
     "change it to fit how your group really works."),
    ("keeping-peoples-details-safe", "data", "Keeping people's details safe",
     "Only keep what you need, keep it somewhere locked, and delete it when done.",
     "Mental health information is special: take extra care with it.\n\n- Keep only the "
     "details you need (often just a first name and a way to contact).\n- Keep them in one "
     "place with a password.\n- Do not share them without asking.\n- Delete them when "
     "someone leaves."),
    ("group-chats-and-privacy", "data", "Group chats and privacy",
     "WhatsApp groups are handy; think about who can see phone numbers.",
     "In a group chat everyone sees everyone's phone number. Ask before adding people, "
     "and consider a broadcast list or a community with numbers hidden. Agree what is okay "
     "to share in the chat."),
    ("welcoming-volunteers", "volunteers", "Welcoming volunteers",
     "Say what you hope for, what they can expect, and who to ask.",
     "Volunteers stay when they know what to do and feel thanked.\n\n- A short note of "
     "what the role is and the time it takes.\n- Who they can ask for help.\n- Pay their "
     "expenses, promptly.\n- Say thank you, often."),
    ("paying-volunteers-expenses", "volunteers", "Paying volunteers' expenses",
     "Pay back what people spend, with a receipt, and nothing more.",
     "Paying back real costs (bus fares, a cake for the group) is not payment for work. "
     "Keep the receipt. Paying a flat amount can count as wages, so avoid it unless you "
     "have checked."),
    ("telling-your-funder-what-happened", "telling_funders",
     "Telling your funder what happened",
     "A short report in your own words: what you did, who came, what changed.",
     "Funders of small grants want a short story, not a form.\n\n- What did you do?\n"
     "- Roughly how many people took part?\n- What changed for them, in their words if "
     "you can?\n- Roughly how did you spend the money?\n\nYou can tell them by phone. It "
     "is fine to say what did not work."),
    ("collecting-stories-not-numbers", "telling_funders", "Collecting stories, not numbers",
     "Ask people what difference it made, and write down what they say.",
     "At the end of a session, ask: *what difference did today make?* Write down a few "
     "answers word for word, with permission. Three real sentences tell a funder more "
     "than a survey."),
    ("sharing-the-load", "growing", "Sharing the load",
     "When one person does everything, the group is fragile. Share out the jobs.",
     "List the jobs that keep the group going: booking the room, the money, the chat, "
     "welcoming new people. Ask for one volunteer for each. Smaller jobs are easier to say "
     "yes to."),
    ("keeping-your-listing-fresh", "growing", "Keeping your listing fresh",
     "Check your group's listing every few months, so people who look for you find you.",
     "People who find you in the directory need to know you still meet, where and when.\n\n"
     "- Every few months, open your listing and check the days, times, place and how to "
     "get in touch.\n- If nothing has changed, press the button that says it is still "
     "right: that alone keeps it fresh.\n- If you have stopped meeting for a while, say so "
     "on the listing rather than taking it down.\n\nAsk one other person in the group to "
     "be able to do this too."),
    ("where-next", "growing", "Where next?",
     "Talking together about the year ahead, without a business plan.",
     "Once a year, spend one meeting on three questions: what went well, what was hard, "
     "what would we like to try? Write the answers on one page and look at it again in "
     "six months."),
    ("becoming-a-cio", "growing", "Becoming a charity (CIO)",
     "What changes when you register, and whether it is worth it.",
     "A charitable incorporated organisation (CIO) can sign contracts and protects "
     "trustees from personal debts. It also means annual reports to the Charity "
     "Commission. Many groups do well for years without it."),
    ("looking-after-the-people-who-do-the-work", "looking_after",
     "Looking after the people who do the work",
     "Running a group is hard. Rest, share, and have someone to talk to.",
     "- Agree that nobody answers messages late at night.\n- Take turns to have a "
     "month off.\n- Find another group leader to talk to: the circles on Flourish are for "
     "this.\n\nThe group does better when the people running it are well."),
    ("when-a-member-is-unwell", "looking_after", "When someone in the group is unwell",
     "Keep in touch gently, and know what you can and cannot do.",
     "A short message saying *we miss you, no need to reply* means a lot. You are peers, "
     "not a service: it is okay to say what you cannot do, and to share crisis numbers."),
    ("ending-well", "ending_well", "Ending well",
     "Groups end. How to close kindly and pass on what is left.",
     "Tell members in good time and say thank you. Spend or return any grant money as "
     "your funder agreed. Pass on what you have learned: another group may want your "
     "room booking or your leaflet."),
]  # fmt: skip

WELSH = {
    "holding-money-without-a-bank-account": (
        "Dal arian heb gyfrif banc",
        "Mae partner dal arian yn cadw eich grant ac yn talu pethau ar eich rhan.",
        "Mae **partner dal arian** yn sefydliad lleol sy'n gofalu am grant ar ran grŵp heb "
        "gyfrif banc.\n\n- Mae'r cyllidwr yn talu'r arian i'r partner.\n- Rydych chi'n gofyn "
        "i'r partner dalu bil.\n- Cadwch bob derbynneb.",
    ),
}
URDU = {
    "holding-money-without-a-bank-account": (
        "بینک اکاؤنٹ کے بغیر پیسے رکھنا",
        "ایک ہولڈنگ پارٹنر آپ کی گرانٹ رکھتا ہے اور آپ کے لیے ادائیگیاں کرتا ہے۔",
        "**ہولڈنگ پارٹنر** ایک مقامی ادارہ ہے جو ایسے گروپ کی گرانٹ سنبھالتا ہے جس کا اپنا "
        "بینک اکاؤنٹ نہیں۔\n\n- فنڈ دینے والا پیسے پارٹنر کو دیتا ہے۔\n- آپ پارٹنر سے بل "
        "ادا کرنے کو کہتے ہیں۔\n- ہر رسید سنبھال کر رکھیں۔",
    ),
}
