using EpaPortal.BrowserTests.Infrastructure;
using EpaPortal.Domain.Cases;
using EpaPortal.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EpaPortal.BrowserTests.Journeys;

/// <summary>
/// Case messages (issue 25, item 5; ADR 0031): an apprentice opens the messages from the dashboard, is told an empty
/// message cannot be sent, writes one; the employer sees the count in the header ("1 unread message" for screen
/// readers), finds the case on the Messages page, reads the message (the count clears) and replies about scheduling;
/// the apprentice reads the reply. axe on every page, on a desktop and a 390 px phone.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait(Category.Name, Category.Browser)]
public class MessagesJourneys(BrowserPortal browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Apprentice_WritesAMessage_EmployerSeesTheCount_ReadsItAndReplies()
    {
        var journey = await JourneyData.CaseAsync(Portal, CaseState.Registered, "Maya Messages");
        var apprentice = await SignInAsync(journey.ApprenticeEmail);
        await CheckPageAsync(apprentice);
        await apprentice.GetByRole(AriaRole.Link, new() { Name = "Messages about my assessment" }).ClickAsync();
        await Expect(apprentice.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Messages: {journey.ApprenticeName}");
        await CheckPageAsync(apprentice);

        // An empty message: the problem at the top, linked to the field; nothing sent.
        await apprentice.Locator("#message-form").GetByRole(AriaRole.Button, new() { Name = "Send the message" }).ClickAsync();
        await Expect(apprentice.Locator("#problems")).ToContainTextAsync("Enter your message.");
        await CheckPageAsync(apprentice);

        var question = "Could I add a second piece of evidence about unit testing before the gateway? I finished the refund service tests last week.";
        await apprentice.GetByLabel("Your message").FillAsync(question);
        await apprentice.GetByLabel("The assessment in general (not seen by the assessor)").CheckAsync();
        await apprentice.Locator("#message-form").GetByRole(AriaRole.Button, new() { Name = "Send the message" }).ClickAsync();
        await Expect(apprentice.GetByRole(AriaRole.Status).Filter(new() { HasText = "Message sent" })).ToBeVisibleAsync();
        await Expect(apprentice.Locator("#thread li").First).ToContainTextAsync(question);
        await CheckPageAsync(apprentice);

        // The employer: the header's count, the Messages page, the thread (reading it clears the count), a reply.
        var employer = await SignInAsync(Demo.Employer);
        await Expect(employer.Locator("#unread-badge")).ToBeVisibleAsync();
        await Expect(employer.Locator("#unread-text")).ToContainTextAsync("unread message");
        await CheckPageAsync(employer);
        await employer.Locator("#messages-link").ClickAsync();
        await Expect(employer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Messages");
        await CheckPageAsync(employer);
        await employer.Locator("#inbox").GetByRole(AriaRole.Link, new() { Name = journey.ApprenticeName }).ClickAsync();
        await Expect(employer.Locator("#thread li").First).ToContainTextAsync(question);
        await Expect(employer.Locator("#thread li").First).ToContainTextAsync("New");
        await Expect(employer.Locator("#mark-read-form")).ToBeHiddenAsync();
        await CheckPageAsync(employer);

        await employer.GetByLabel("Arranging the assessment: dates, times, the interview (the assessor sees it too)").CheckAsync();
        await employer.GetByLabel("Your message").FillAsync("Yes, add it this week. Maya is on leave from 14 to 18 April, so please avoid that week for the interview.");
        await employer.Locator("#message-form").GetByRole(AriaRole.Button, new() { Name = "Send the message" }).ClickAsync();
        await Expect(employer.GetByRole(AriaRole.Status).Filter(new() { HasText = "Message sent" })).ToBeVisibleAsync();
        await CheckPageAsync(employer);

        // The apprentice reads the reply, marked as about arranging the assessment.
        await apprentice.GotoAsync($"/cases/{journey.CaseId}/messages");
        await Expect(apprentice.Locator("#thread li").First).ToContainTextAsync("Arranging the assessment");
        await Expect(apprentice.Locator("#thread li").First).ToContainTextAsync("(Employer)");
        await CheckPageAsync(apprentice, "apprentice-messages");

        await apprentice.SetViewportSizeAsync(390, 844);
        await CheckPageAsync(apprentice);
        var wide = await apprentice.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.True(await apprentice.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "The messages page scrolls sideways at 390 px: " + wide);
    }
}
