package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.auth.HmacSHA1Signer;
import com.aliyuncs.auth.RpcSignatureComposer;
import com.aliyuncs.http.MethodType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureV1Test {

    /** The KMS "request signatures" page's CreateKey example: AccessKeyId testid, secret testsecret. */
    private static Map<String, String> kmsDocExample() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Action", "CreateKey");
        p.put("SignatureVersion", "1.0");
        p.put("Format", "json");
        p.put("Version", "2016-01-20");
        p.put("AccessKeyId", "testid");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("Timestamp", "2016-03-28T03:13:08Z");
        return p;
    }

    @Test
    void canonicalQueryOfTheDocumentationExample() {
        assertEquals("AccessKeyId=testid&Action=CreateKey&Format=json&SignatureMethod=HMAC-SHA1"
                + "&SignatureVersion=1.0&Timestamp=2016-03-28T03%3A13%3A08Z&Version=2016-01-20",
                SignatureV1.canonicalQuery(kmsDocExample()));
    }

    /**
     * The page prints its StringToSign with the '&' between parameters left unencoded; s/OdVW… is the HMAC of that
     * printed text. Computed correctly ('&' → %26) the signature is 41wk2…, which is the Signature of the page's
     * own signed URL. Both are checked: the HMAC and the encoding.
     */
    @Test
    void signatureOfTheDocumentationExample() {
        String printedStringToSign = "GET&%2F&AccessKeyId%3Dtestid&Action%3DCreateKey&Format%3Djson"
                + "&SignatureMethod%3DHMAC-SHA1&SignatureVersion%3D1.0&Timestamp%3D2016-03-28T03%253A13%253A08Z"
                + "&Version%3D2016-01-20";
        assertEquals("s/OdVWMTmNGagvWlljdAJ7Itsew=", SignatureV1.sign("testsecret", printedStringToSign));

        String stringToSign = SignatureV1.stringToSign("GET", kmsDocExample());
        assertEquals("GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateKey%26Format%3Djson%26SignatureMethod%3DHMAC-SHA1"
                + "%26SignatureVersion%3D1.0%26Timestamp%3D2016-03-28T03%253A13%253A08Z%26Version%3D2016-01-20",
                stringToSign);
        assertEquals("41wk2SSX1GJh7fwnc5eqOfiJPFg=", SignatureV1.sign("testsecret", stringToSign));
    }

    @Test
    void signatureParameterIsNotSigned() {
        Map<String, String> withSignature = new HashMap<>(kmsDocExample());
        withSignature.put("Signature", "anything");
        assertEquals(SignatureV1.stringToSign("GET", kmsDocExample()), SignatureV1.stringToSign("GET", withSignature));
    }

    /** Awkward characters must encode as the official SDK encodes them, or its signatures never match ours. */
    @Test
    void agreesWithTheOfficialSdkOnAwkwardValues() throws Exception {
        Map<String, String> p = new HashMap<>(kmsDocExample());
        p.put("Description", "a b+c*d~e/f?g=h&i%j 中文 é");
        p.put("EncryptionContext", "{\"purpose\":\"disk encryption\",\"x\":\"~*'()!\"}");
        p.put("Empty", "");
        String sdkStringToSign = RpcSignatureComposer.getComposer().composeStringToSign(MethodType.POST, null,
                new HmacSHA1Signer(), p, new HashMap<>(), new HashMap<>());
        assertEquals(sdkStringToSign, SignatureV1.stringToSign("POST", p));
        assertEquals(new HmacSHA1Signer().signString(sdkStringToSign, "s3cret&"),
                SignatureV1.sign("s3cret", SignatureV1.stringToSign("POST", p)));
    }

    @Test
    void matchesComparesWholeSignatures() {
        assertTrue(SignatureV1.matches("abc=", "abc="));
        assertFalse(SignatureV1.matches("abc=", "abd="));
        assertFalse(SignatureV1.matches("abc=", "abc"));
    }
}
