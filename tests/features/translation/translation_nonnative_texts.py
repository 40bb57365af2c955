"""Plain human English by non-native writers: hand-written fixtures (no data set text).

Used by the tests and by benchmarks/translation/evaluate.py: none of these may be flagged as
machine translation.
"""

NON_NATIVE_TEXTS: tuple[str, ...] = (
    # A market complaint, learner grammar.
    (
        "Yesterday I go with my brother to the market for buy some vegetables and fruits. The "
        "prices is very high in this season and many peoples are complaining about it. My mother "
        "say that before ten years everything was more cheap and the life was more easy for "
        "families. Government should to do something for help the poor families, because salary "
        "is not increasing since long time. In my opinion the problem is the transport, the trucks "
        "are coming from far away and the fuel is costing too much. Also the shops are taking big "
        "profit. I hope next year the situation will be better for everybody in our town and the "
        "farmers can sell direct to the people without so many middle persons. We discussed this "
        "in the meeting of our street and everybody was agree with the idea of a small market on "
        "Sunday where farmers come directly. The municipality promised to give the place for free."
    ),
    # A local news item by a non-native reporter.
    (
        "Local authorities of the district informed that new bridge over river will be open in the "
        "end of next month. According with the engineer in charge, works were delayed because of "
        "heavy rains in spring and because some materials arrived late from the capital. The mayor "
        "declared to journalists that the bridge is very important for the farmers, who actually "
        "must to drive forty kilometers more for arrive to the main road. Inhabitants of the "
        "village expressed their satisfaction but some of them said that they are waiting this "
        "bridge since more than ten years. The cost of the project is around two million euros and "
        "the half of this money is coming from European funds. Police will control the traffic in "
        "the first days because is expected a big number of cars during the inauguration."
    ),
    # A student essay.
    (
        "Nowadays the technology is changing our life in many aspects. In the past, people were "
        "writing letters and waiting many weeks for the answer, but now we can to communicate in "
        "few seconds with anybody in the world. In other hand, there are also some disadvantages. "
        "Young people spend too much time with their phones and they don't make sport anymore. "
        "Also the relations between persons become more superficial, because is more easy to send "
        "a message than to meet face to face. In my country many parents are worried about this "
        "situation and schools are trying to limit the use of phones in classroom. In conclusion, "
        "I think technology is neither good or bad, it depends how we use it. We must to find the "
        "equilibrium between online life and real life, specially for the children."
    ),
    # A forum post asking for help.
    (
        "Hello to everybody, I have a problem with my laptop since two days and I don't know what "
        "to do. When I switch on it, the screen stay black for some minutes and after it appears "
        "a message that say the disk is not found. I tried to restart many times but nothing "
        "change. My friend told me that maybe the disk is broken, but the laptop is only one year "
        "old and I didn't fall it never. I have inside all my documents from university and I am "
        "very afraid to lose them. Somebody know if is possible to recover the files without to pay "
        "a lot of money in the service? I live in small city and here the service is very "
        "expensive and they need two weeks for repair. Thank you very much in advance for your "
        "help and sorry for my bad English, I am still learning it."
    ),
    # A business e-mail.
    (
        "Dear Mr. Thompson, thank you for your quick answer to our request. We have discussed "
        "internally about your offer and we are agree with the most of the conditions. However we "
        "would like to ask if is possible to reduce the delivery time, because our client need the "
        "products before end of the month. Concerning the payment, our company policy is to pay in "
        "sixty days after receiving the invoice, and we hope this will not be a problem for you. "
        "Please find attached the list of the articles with the quantities that we need for the "
        "first order. If you have any question, don't hesitate to contact me by phone or by e-mail. "
        "We are looking forward to start this collaboration with your company and we are sure it "
        "will be profitable for both sides. Best regards, Anna Kowalczyk, purchasing department."
    ),
)
